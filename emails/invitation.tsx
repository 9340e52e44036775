import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle, type EmailProps, type EmailT } from "./layout";

export const invitationSubject = (t: EmailT) => t("invitation.subject");

export default function InvitationEmail({ link, language, t }: EmailProps) {
  return (
    <EmailLayout preview={t("invitation.preview")} language={language} t={t}>
      <Text>{t("invitation.invited")}</Text>
      <Text>{t("invitation.howTo")}</Text>
      <Button href={link} style={buttonStyle}>
        {t("invitation.button")}
      </Button>
    </EmailLayout>
  );
}
