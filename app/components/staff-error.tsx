import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { readMessage, translateMessage } from "~/i18n/message";

/** The heading and the words shown for a page's error. Only messages we wrote ourselves are shown. */
export function useErrorWords() {
  const error = useRouteError();
  const { t, i18n } = useTranslation();
  const known = isRouteErrorResponse(error);
  const status = known ? error.status : 500;
  const heading = status === 404 ? t("errors.notFound") : status === 403 ? t("errors.forbidden") : t("errors.broken");
  // Anything but a message we wrote (a thrown Response under 500 holding a catalog key) stays on the
  // server: the router's own texts ("No route matches URL …", a post to a page without a form) are for
  // developers, in English.
  const ours = known && typeof error.data === "string" && status < 500 && i18n.exists(readMessage(error.data).key);
  const detail = ours ? translateMessage(t, error.data as string) : null;
  return { status, heading, detail };
}

/**
 * A staff page's error, shown inside the staff layout so the navigation stays on screen and nothing
 * but this page is lost.
 */
export function StaffErrorBoundary() {
  const { status, heading, detail } = useErrorWords();
  const { t } = useTranslation();
  return (
    <>
      <h1 className="page-title">{heading}</h1>
      <div className="card mt-4">
        {detail ? <p>{detail}</p> : null}
        {status >= 500 ? <p>{t("errors.tryAgain")}</p> : null}
        <p className="mt-3">
          <Link to="/dashboard" className="link">
            {t("errors.toDashboard")}
          </Link>
        </p>
      </div>
    </>
  );
}
