import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { forgetAllDrafts } from "~/utils/session-drafts";

// A neutral, everyday site: leaving should look like ordinary browsing to anyone watching.
export const QUICK_EXIT_URL = "https://www.bbc.com/weather";
const DOUBLE_PRESS_MS = 1_000;

function leaveNow() {
  forgetAllDrafts();
  // Ending the session means that even a Back press that reaches an earlier page of this site
  // shows the sign-in page, not the person's records; "quick" also forgets the language chosen here.
  navigator.sendBeacon?.("/quick-exit");
  // replace() swaps this page out of the history, so Back does not return to the portal.
  window.location.replace(QUICK_EXIT_URL);
}

/**
 * Fixed at the top of every page a survivor may see (the portal, and the pages before signing in);
 * Escape pressed twice does the same.
 */
export function QuickExit() {
  const { t } = useTranslation();
  useEffect(() => {
    let lastEscape = 0;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      const now = Date.now();
      if (now - lastEscape < DOUBLE_PRESS_MS) leaveNow();
      lastEscape = now;
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  return (
    <a
      href={QUICK_EXIT_URL}
      rel="noreferrer"
      data-testid="quick-exit"
      onClick={(event) => {
        event.preventDefault();
        leaveNow();
      }}
      className="fixed right-2 top-2 z-50 inline-flex min-h-[44px] items-center rounded-md bg-red-800 px-4 font-bold text-white shadow-lg hover:bg-red-900"
    >
      {t("quickExit.button")}
    </a>
  );
}

/**
 * What Quick exit does and what it cannot do, in words that fit a phone as well as a computer:
 * the key works only where there is a keyboard, and no page can wipe the browser's history.
 */
export function QuickExitHelp() {
  const { t } = useTranslation();
  return (
    <>
      <p>{t("quickExit.opensWeather")}</p>
      <p className="mt-1">{t("quickExit.escKey")}</p>
      <p className="mt-2">{t("quickExit.noHistoryWipe")}</p>
      <p className="mt-2">{t("quickExit.privateWindow")}</p>
    </>
  );
}
