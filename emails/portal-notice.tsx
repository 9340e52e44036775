import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle, type EmailProps, type EmailT } from "./layout";

export const portalNoticeSubject = (t: EmailT) => t("portalNotice.subject");

// Says only that there is something to see: the details stay behind the login.
export default function PortalNoticeEmail({ link, language, t }: EmailProps) {
  return (
    <EmailLayout preview={t("portalNotice.preview")} language={language} t={t}>
      <Text>{t("portalNotice.body")}</Text>
      <Button href={link} style={buttonStyle}>
        {t("portalNotice.button")}
      </Button>
    </EmailLayout>
  );
}
