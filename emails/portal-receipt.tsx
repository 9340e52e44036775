import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle, type EmailProps, type EmailT } from "./layout";

export const portalReceiptSubject = (t: EmailT) => t("portalReceipt.subject");

// Says only that a receipt is waiting: what it is about stays behind the login, and the link goes
// to the portal's home, not to the receipt, so the address itself reveals nothing either.
export default function PortalReceiptEmail({ link, language, t }: EmailProps) {
  return (
    <EmailLayout preview={t("portalReceipt.preview")} language={language} t={t}>
      <Text>{t("portalReceipt.body")}</Text>
      <Button href={link} style={buttonStyle}>
        {t("portalReceipt.button")}
      </Button>
    </EmailLayout>
  );
}
