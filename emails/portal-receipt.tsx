/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle } from "./layout";

export const portalReceiptSubject = "You have an update";

// Says only that a receipt is waiting: what it is about stays behind the login, and the link goes
// to the portal's home, not to the receipt, so the address itself reveals nothing either.
export default function PortalReceiptEmail({ link }: { link: string }) {
  return (
    <EmailLayout preview="You have an update">
      <Text>A new receipt is waiting for you in the portal.</Text>
      <Button href={link} style={buttonStyle}>
        Open the portal
      </Button>
    </EmailLayout>
  );
}
