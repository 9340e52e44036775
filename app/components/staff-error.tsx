import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

/** The heading and the words shown for a page's error. Only messages we wrote ourselves are shown. */
export function useErrorWords() {
  const error = useRouteError();
  const known = isRouteErrorResponse(error);
  const status = known ? error.status : 500;
  const heading =
    status === 404
      ? "We could not find that page"
      : status === 403
        ? "You do not have access to this page"
        : "Something went wrong";
  // Anything but a message we wrote (a thrown Response under 500) stays on the server.
  const detail = known && typeof error.data === "string" && status < 500 ? error.data : null;
  return { status, heading, detail };
}

/**
 * A staff page's error, shown inside the staff layout so the navigation stays on screen and nothing
 * but this page is lost.
 */
export function StaffErrorBoundary() {
  const { status, heading, detail } = useErrorWords();
  return (
    <>
      <h1 className="page-title">{heading}</h1>
      <div className="card mt-4">
        {detail ? <p>{detail}</p> : null}
        {status >= 500 ? <p>Please try again in a moment. Nothing you saved has been lost.</p> : null}
        <p className="mt-3">
          <Link to="/dashboard" className="link">
            Back to the dashboard
          </Link>
        </p>
      </div>
    </>
  );
}
