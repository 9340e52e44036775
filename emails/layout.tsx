/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { Body, Container, Head, Html, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

// Deliberately plain: no organization name, logo or mission words, so that an email seen by
// someone else on the recipient's phone reveals nothing about why they received it.
export function EmailLayout({ preview, children }: { preview: string; children: ReactNode }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: "#f6f6f4", fontFamily: "Arial, sans-serif", color: "#1f2933" }}>
        <Container style={{ backgroundColor: "#ffffff", padding: "24px", maxWidth: "520px" }}>
          <Section>{children}</Section>
          <Text style={{ fontSize: "12px", color: "#52606d" }}>
            If you did not expect this message, you can ignore it.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

export const buttonStyle = {
  backgroundColor: "#1d4e89",
  color: "#ffffff",
  padding: "12px 20px",
  borderRadius: "6px",
  textDecoration: "none",
  display: "inline-block",
} as const;
