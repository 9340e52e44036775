/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle } from "./layout";

export const passwordResetSubject = "Reset your password";

export default function PasswordResetEmail({ link }: { link: string }) {
  return (
    <EmailLayout preview="Choose a new password">
      <Text>Someone asked to reset the password for this account.</Text>
      <Text>If it was you, choose a new password with the button below. The link works for 1 hour and only once.</Text>
      <Button href={link} style={buttonStyle}>
        Choose a new password
      </Button>
    </EmailLayout>
  );
}
