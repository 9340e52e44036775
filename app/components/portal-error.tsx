/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useMessage } from "~/i18n/use-message";

/**
 * A portal page's error, shown inside the portal layout so that Quick exit stays on screen.
 * Only messages we wrote ourselves (thrown Responses) are shown.
 */
export function PortalErrorPage({ title }: { title: string }) {
  const error = useRouteError();
  const words = useMessage();
  const message =
    isRouteErrorResponse(error) && error.status < 500 && typeof error.data === "string"
      ? words(error.data)
      : "Something went wrong. Please try again in a moment.";
  return (
    <>
      <h1 className="page-title">{title}</h1>
      <div className="card mt-4">
        <p>{message}</p>
        <p className="mt-3">
          <Link to="/portal" className="link">
            Back to your portal home
          </Link>
        </p>
      </div>
    </>
  );
}
