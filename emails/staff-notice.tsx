import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle, type EmailProps, type EmailT } from "./layout";

export const staffNoticeSubject = (t: EmailT) => t("staffNotice.subject");

// For staff: says only that something waits behind the login, never who or what about.
export default function StaffNoticeEmail({ link, language, t }: EmailProps) {
  return (
    <EmailLayout preview={t("staffNotice.preview")} language={language} t={t}>
      <Text>{t("staffNotice.body")}</Text>
      <Button href={link} style={buttonStyle}>
        {t("staffNotice.button")}
      </Button>
    </EmailLayout>
  );
}
