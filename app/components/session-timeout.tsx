import { useLocation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { keepDrafts, restoreDrafts } from "~/utils/session-drafts";

// The warning shows a minute before the session ends; with no answer the page keeps what was
// typed and goes to the sign-in page, which brings the person back here afterwards.
const WARN_MS = 60_000;

async function askServer(method: "GET" | "POST") {
  const response = await fetch("/session", { method, credentials: "same-origin", cache: "no-store" });
  if (!response.ok) throw new Error(`session status ${response.status}`);
  return ((await response.json()) as { msLeft: number }).msLeft;
}

/**
 * Asks for the page again once its session has ended: the server then sends the browser to sign
 * in, saying why and remembering this page in a cookie, so the page's address never lands in the
 * sign-in page's address (and so in the browser history). Replacing this entry keeps one fewer
 * page of the app in the history.
 */
function leaveForSignIn(path: string) {
  window.location.replace(path);
}

/**
 * Warns a minute before a signed-in session ends for lack of use, and offers to stay signed in.
 * Needs JavaScript; without it the session simply ends and the sign-in page says why.
 * `owner` ties kept text to the person, so nobody else signing in on the device sees it.
 */
export function SessionTimeout({ msLeft, owner }: { msLeft: number; owner: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const path = `${location.pathname}${location.search}`;
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const [restored, setRestored] = useState(false);
  // Bumped by "Stay signed in", to start the wait again from the new deadline.
  const [round, setRound] = useState(0);
  const deadline = useRef(Date.now() + msLeft);

  useEffect(() => {
    if (restoreDrafts(path, owner)) setRestored(true);
    // Once per page: kept text belongs to the page it was typed on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [location.pathname]);

  useEffect(() => {
    let timer: number | undefined;
    const leave = () => {
      keepDrafts(path, owner);
      leaveForSignIn(path);
    };
    // Every page opened or form sent since counts as a use, so the server, not this page, knows
    // how long is left.
    const check = async () => {
      let left: number;
      try {
        left = await askServer("GET");
      } catch {
        left = deadline.current - Date.now();
      }
      deadline.current = Date.now() + left;
      if (left <= 0) return leave();
      if (left > WARN_MS + 15_000) {
        setSecondsLeft(null);
        window.clearTimeout(timer);
        timer = window.setTimeout(check, left - WARN_MS);
        return;
      }
      setSecondsLeft(Math.ceil(left / 1000));
    };
    timer = window.setTimeout(check, Math.max(0, deadline.current - Date.now() - WARN_MS));
    // A phone asleep does not run timers: check again as soon as the page is seen.
    const onVisible = () => {
      if (document.visibilityState === "visible") void check();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      window.clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [path, owner, round]);

  useEffect(() => {
    if (secondsLeft === null) return;
    if (secondsLeft <= 0) {
      keepDrafts(path, owner);
      leaveForSignIn(path);
      return;
    }
    const tick = window.setTimeout(() => setSecondsLeft(Math.ceil((deadline.current - Date.now()) / 1000)), 1_000);
    return () => window.clearTimeout(tick);
  }, [secondsLeft, path, owner]);

  const stay = async () => {
    try {
      const left = await askServer("POST");
      if (left <= 0) throw new Error("ended");
      deadline.current = Date.now() + left;
      setSecondsLeft(null);
      setRound((r) => r + 1);
    } catch {
      setSecondsLeft(0);
    }
  };

  return (
    <>
      {restored ? (
        <div
          role="status"
          className="mx-auto mt-3 max-w-2xl rounded-md border border-brand-600 bg-white p-3 print:hidden"
        >
          {t("sessionTimeout.kept")}
        </div>
      ) : null}
      {secondsLeft !== null ? (
        <div
          role="alertdialog"
          aria-labelledby="session-warning-text"
          className="fixed inset-x-2 bottom-2 z-50 mx-auto max-w-md rounded-md border-2 border-amber-700 bg-amber-50 p-4 text-amber-950 shadow-lg print:hidden"
        >
          <p id="session-warning-text">{t("sessionTimeout.warning", { count: Math.max(secondsLeft, 0) })}</p>
          <button type="button" className="btn-primary mt-3" onClick={() => void stay()} autoFocus>
            {t("sessionTimeout.stay")}
          </button>
        </div>
      ) : null}
    </>
  );
}
