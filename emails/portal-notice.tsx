/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle } from "./layout";

export const portalNoticeSubject = "You have an update";

// Says only that there is something to see: the details stay behind the login.
export default function PortalNoticeEmail({ link }: { link: string }) {
  return (
    <EmailLayout preview="You have an update">
      <Text>You have something new to look at.</Text>
      <Button href={link} style={buttonStyle}>
        Open the portal
      </Button>
    </EmailLayout>
  );
}
