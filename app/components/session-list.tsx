import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/forms";
import { useFormat } from "~/utils/use-format";

type SessionRow = {
  handle: string;
  deviceLabel: string;
  signedInAt: string | Date;
  lastSeenAt: string | Date;
  isCurrent: boolean;
};

const DONE = {
  one: "sessionList.signedOutOne",
  others: "sessionList.signedOutOthers",
} as const;

const isDone = (done: string | null): done is keyof typeof DONE => done !== null && done in DONE;

// The label kept for a session is "<browser> on <system>" or "Unknown device" (deviceLabelFrom):
// names of products, with only those words between them to put in the reader's language.
const UNKNOWN_DEVICE = "Unknown device";
const DEVICE_JOIN = " on ";

function useDeviceName() {
  const { t } = useTranslation();
  return (label: string) => {
    if (label === UNKNOWN_DEVICE) return t("sessionList.unknownDevice");
    const at = label.indexOf(DEVICE_JOIN);
    if (at < 0) return label;
    return t("sessionList.device", { browser: label.slice(0, at), system: label.slice(at + DEVICE_JOIN.length) });
  };
}

/** The "Where you are signed in" page, for staff and for the portal. */
export function SessionList({ sessions, done }: { sessions: SessionRow[]; done: string | null }) {
  const { t } = useTranslation();
  const deviceName = useDeviceName();
  const others = sessions.filter((s) => !s.isCurrent);
  const fmt = useFormat();
  return (
    <>
      <h1 className="page-title">{t("sessionList.heading")}</h1>
      <div className="mt-4">{isDone(done) ? <Notice>{t(DONE[done])}</Notice> : null}</div>
      <p className="max-w-prose">{t("sessionList.intro")}</p>
      <ul className="mt-4 max-w-2xl space-y-3" aria-label={t("sessionList.listLabel")}>
        {sessions.map((s) => (
          <li key={s.handle} className="card flex flex-wrap items-center justify-between gap-3">
            <div>
              <p className="font-medium">
                {deviceName(s.deviceLabel)}
                {s.isCurrent ? (
                  <span className="ml-2 rounded bg-brand-100 px-2 py-0.5 text-sm text-brand-800">
                    {t("sessionList.thisDevice")}
                  </span>
                ) : null}
              </p>
              <p className="text-sm text-slate-700">
                {t("sessionList.when", {
                  signedIn: fmt.dateTime(s.signedInAt),
                  lastActive: fmt.dateTime(s.lastSeenAt),
                })}
              </p>
            </div>
            {s.isCurrent ? null : (
              <Form method="post">
                <input type="hidden" name="intent" value="sign-out-one" />
                <input type="hidden" name="handle" value={s.handle} />
                <button type="submit" className="btn-secondary">
                  {t("sessionList.signOut")}
                  <span className="sr-only"> {deviceName(s.deviceLabel)}</span>
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>
      {others.length > 0 ? (
        <Form method="post" className="mt-6">
          <button type="submit" name="intent" value="sign-out-others" className="btn-danger">
            {t("sessionList.signOutOthers")}
          </button>
        </Form>
      ) : (
        <p className="mt-4 text-slate-700">{t("sessionList.nowhereElse")}</p>
      )}
    </>
  );
}
