import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle, type EmailProps, type EmailT } from "./layout";

export const checkInSubject = (t: EmailT) => t("checkIn.subject");

// A reminder that a check-in is due. Like every email: no name, no organization, no reason; the
// details wait behind the login, and the link goes to the portal's home, not to a page that says more.
export default function CheckInEmail({ link, language, t }: EmailProps) {
  return (
    <EmailLayout preview={t("checkIn.preview")} language={language} t={t}>
      <Text>{t("checkIn.body")}</Text>
      <Button href={link} style={buttonStyle}>
        {t("checkIn.button")}
      </Button>
    </EmailLayout>
  );
}
