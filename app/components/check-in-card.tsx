import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** "Still right": one tap records today's check-in (a POST, so it works without JavaScript). */
export function CheckInButton() {
  const { t } = useTranslation("portal");
  const navigation = useNavigation();
  return (
    <Form method="post" action="/portal/check-in" className="mt-3">
      <input type="hidden" name="intent" value="still-right" />
      <button type="submit" className="btn-primary w-full sm:w-auto" disabled={navigation.state === "submitting"}>
        {t("checkIn.stillRight")}
      </button>
    </Form>
  );
}

/** On the portal home when a check-in is due: the question, the one-tap answer, and where to look first. */
export function CheckInCard() {
  const { t } = useTranslation("portal");
  return (
    <section aria-labelledby="check-in-heading" className="mt-4 rounded-lg border-2 border-brand-600 bg-brand-50 p-4">
      <h2 id="check-in-heading" className="text-lg font-semibold">
        {t("checkIn.home.heading")}
      </h2>
      <p className="mt-2">{t("checkIn.home.question")}</p>
      <CheckInButton />
      <p className="mt-2">
        <Link to="/portal/check-in" className="link inline-flex min-h-[44px] items-center">
          {t("checkIn.home.look")}
        </Link>
      </p>
    </section>
  );
}
