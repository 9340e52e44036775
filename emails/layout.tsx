import { Body, Container, Head, Html, Preview, Section, Text } from "@react-email/components";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";

/** The words of an email, in its recipient's language (`translator(language, "email")`). */
export type EmailT = TFunction<"email">;

/** What every template is given: where its button goes, and its recipient's language and words. */
export type EmailProps = { link: string; language: string; t: EmailT };

// Deliberately plain: no organization name, logo or mission words, so that an email seen by
// someone else on the recipient's phone reveals nothing about why they received it.
export function EmailLayout({
  preview,
  language,
  t,
  children,
}: {
  preview: string;
  language: string;
  t: EmailT;
  children: ReactNode;
}) {
  return (
    <Html lang={language}>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: "#f6f6f4", fontFamily: "Arial, sans-serif", color: "#1f2933" }}>
        <Container style={{ backgroundColor: "#ffffff", padding: "24px", maxWidth: "520px" }}>
          <Section>{children}</Section>
          <Text style={{ fontSize: "12px", color: "#52606d" }}>{t("layout.notExpected")}</Text>
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
