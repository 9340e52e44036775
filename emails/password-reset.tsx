import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle, type EmailProps, type EmailT } from "./layout";

export const passwordResetSubject = (t: EmailT) => t("passwordReset.subject");

export default function PasswordResetEmail({ link, language, t }: EmailProps) {
  return (
    <EmailLayout preview={t("passwordReset.preview")} language={language} t={t}>
      <Text>{t("passwordReset.asked")}</Text>
      <Text>{t("passwordReset.howTo")}</Text>
      <Button href={link} style={buttonStyle}>
        {t("passwordReset.button")}
      </Button>
    </EmailLayout>
  );
}
