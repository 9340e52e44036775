/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle } from "./layout";

export const invitationSubject = "Your account invitation";

export default function InvitationEmail({ link }: { link: string }) {
  return (
    <EmailLayout preview="Set up your account">
      <Text>You have been invited to set up an account.</Text>
      <Text>Choose a password with the button below. The link works for 7 days and only once.</Text>
      <Button href={link} style={buttonStyle}>
        Set up my account
      </Button>
    </EmailLayout>
  );
}
