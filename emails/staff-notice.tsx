/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle } from "./layout";

export const staffNoticeSubject = "You have an update";

// For staff: says only that something waits behind the login, never who or what about.
export default function StaffNoticeEmail({ link }: { link: string }) {
  return (
    <EmailLayout preview="You have an update">
      <Text>There is a request waiting for you. Sign in to see it.</Text>
      <Button href={link} style={buttonStyle}>
        Open the request list
      </Button>
    </EmailLayout>
  );
}
