/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { Form } from "@remix-run/react";
import { Notice } from "~/components/forms";
import { useFormat } from "~/utils/use-format";

type SessionRow = {
  handle: string;
  deviceLabel: string;
  signedInAt: string | Date;
  lastSeenAt: string | Date;
  isCurrent: boolean;
};

const DONE: Record<string, string> = {
  one: "That device is signed out.",
  others: "You are signed out everywhere else. Only this device is still signed in.",
};

/** The "Where you are signed in" page, for staff and for the portal. */
export function SessionList({ sessions, done }: { sessions: SessionRow[]; done: string | null }) {
  const others = sessions.filter((s) => !s.isCurrent);
  const fmt = useFormat();
  return (
    <>
      <h1 className="page-title">Where you are signed in</h1>
      <div className="mt-4">{done && DONE[done] ? <Notice>{DONE[done]}</Notice> : null}</div>
      <p className="max-w-prose">
        These are the devices and browsers signed in to your account. If you see one you do not know, sign it out and
        change your password.
      </p>
      <ul className="mt-4 max-w-2xl space-y-3" aria-label="Signed-in devices">
        {sessions.map((s) => (
          <li key={s.handle} className="card flex flex-wrap items-center justify-between gap-3">
            <div>
              <p className="font-medium">
                {s.deviceLabel}
                {s.isCurrent ? (
                  <span className="ml-2 rounded bg-brand-100 px-2 py-0.5 text-sm text-brand-800">This device</span>
                ) : null}
              </p>
              <p className="text-sm text-slate-700">
                Signed in {fmt.dateTime(s.signedInAt)} · last active {fmt.dateTime(s.lastSeenAt)}
              </p>
            </div>
            {s.isCurrent ? null : (
              <Form method="post">
                <input type="hidden" name="intent" value="sign-out-one" />
                <input type="hidden" name="handle" value={s.handle} />
                <button type="submit" className="btn-secondary">
                  Sign out<span className="sr-only"> {s.deviceLabel}</span>
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>
      {others.length > 0 ? (
        <Form method="post" className="mt-6">
          <button type="submit" name="intent" value="sign-out-others" className="btn-danger">
            Sign out everywhere else
          </button>
        </Form>
      ) : (
        <p className="mt-4 text-slate-700">You are not signed in anywhere else.</p>
      )}
    </>
  );
}
