import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { translateMessage } from "~/i18n/message";

/**
 * A portal page's error, shown inside the portal layout so that Quick exit stays on screen.
 * Only messages we wrote ourselves (thrown Responses, catalog keys) are shown. `title`, the page's
 * heading, is words already translated or a catalog key ("portal:consent.title").
 */
export function PortalErrorPage({ title }: { title: string }) {
  const error = useRouteError();
  const { t } = useTranslation();
  const message =
    isRouteErrorResponse(error) && error.status < 500 && typeof error.data === "string"
      ? translateMessage(t, error.data)
      : t("errors.brokenTryAgain");
  return (
    <>
      <h1 className="page-title">{translateMessage(t, title)}</h1>
      <div className="card mt-4">
        <p>{message}</p>
        <p className="mt-3">
          <Link to="/portal" className="link">
            {t("errors.toPortalHome")}
          </Link>
        </p>
      </div>
    </>
  );
}
