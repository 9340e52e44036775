// Save as you go for a form saved whole by its route's action (intent "autosave"). Without
// JavaScript none of this runs and the form's own Save button does the work.
import { useBlocker, useRevalidator, useSubmit } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Autosave, type AutosaveStatus } from "~/utils/autosave";

const MESSAGES = {
  idle: null,
  saving: "assessments.autosave.saving",
  saved: "assessments.autosave.saved",
  "not-saved": "assessments.autosave.notSaved",
} as const satisfies Record<AutosaveStatus, string | null>;

// Browsers refuse keepalive requests above 64 kB in all, and two saves can be on their way at once
// (an older one and the one sent as the page closes). A larger section is still saved, only not
// once the page has gone.
const KEEPALIVE_LIMIT = 30_000;

function answersOf(form: HTMLFormElement): URLSearchParams {
  const body = new URLSearchParams();
  for (const [name, value] of new FormData(form)) {
    if (typeof value === "string") body.append(name, value);
  }
  body.set("intent", "autosave");
  return body;
}

/**
 * The form's own action at Remix's data address (what its fetchers post to): the same action,
 * session and cross-site checks as the form, answered without a whole page and without replacing
 * the page with an error when the connection fails.
 */
function actionDataUrl(form: HTMLFormElement): string {
  const url = new URL(form.getAttribute("action") ?? window.location.href, window.location.href);
  url.pathname = `${url.pathname.replace(/\/$/, "")}.data`;
  return url.href;
}

async function postAnswers(form: HTMLFormElement, body: URLSearchParams): Promise<boolean> {
  const response = await fetch(actionDataUrl(form), {
    method: "POST",
    body,
    credentials: "same-origin",
    // A save sent as the page closes must still arrive.
    keepalive: body.toString().length <= KEEPALIVE_LIMIT,
    // A redirect (to sign in again, say) means nothing was stored.
    redirect: "manual",
  });
  return response.status === 200;
}

/**
 * Saves the form a moment after each change, says "saved" only once the newest change is stored,
 * and does not let the person leave with a change that is not: a link in the app waits for the
 * save, and closing or reloading the tab sends it and lets the browser ask first.
 */
export function useSectionAutosave() {
  const { t } = useTranslation("staff");
  const form = useRef<HTMLFormElement>(null);
  const saver = useRef<Autosave>();
  const [status, setStatus] = useState<AutosaveStatus>("idle");
  const { revalidate } = useRevalidator();
  const submit = useSubmit();
  const blocker = useBlocker(() => saver.current?.unsaved ?? false);

  useEffect(() => {
    const autosave = new Autosave({
      read: () => answersOf(form.current!),
      post: (body) => postAnswers(form.current!, body),
      onChange: setStatus,
    });
    saver.current = autosave;
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (!autosave.unsaved) return;
      autosave.leave();
      event.preventDefault();
    };
    const pageHide = () => autosave.leave();
    const visibilityChange = () => {
      if (document.visibilityState === "hidden") autosave.flush();
    };
    const online = () => autosave.flush();
    window.addEventListener("beforeunload", beforeUnload);
    window.addEventListener("pagehide", pageHide);
    document.addEventListener("visibilitychange", visibilityChange);
    window.addEventListener("online", online);
    return () => {
      autosave.stop();
      window.removeEventListener("beforeunload", beforeUnload);
      window.removeEventListener("pagehide", pageHide);
      document.removeEventListener("visibilitychange", visibilityChange);
      window.removeEventListener("online", online);
    };
  }, []);

  const blocked = blocker.state === "blocked";
  const latest = useRef({ blocker, revalidate });
  latest.current = { blocker, revalidate };
  useEffect(() => {
    if (blocked) saver.current?.flush();
  }, [blocked]);
  useEffect(() => {
    if (status !== "saved") return;
    const { blocker, revalidate } = latest.current;
    if (blocker.state === "blocked") blocker.proceed();
    // The page's progress counts the answers just stored.
    else void revalidate();
  }, [status]);

  const onChange = () => saver.current?.changed();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const autosave = saver.current;
    if (!autosave) return;
    const waiting = autosave.handOver();
    if (!autosave.sendingNow) return;
    // A save with older answers is on its way: post the button's save after it, so the server
    // ends with the newest answers.
    event.preventDefault();
    const button = (event.nativeEvent as SubmitEvent).submitter;
    const target = button instanceof HTMLButtonElement ? button : event.currentTarget;
    void waiting.then(() => submit(target));
  };

  const said = MESSAGES[status];
  return {
    formProps: { ref: form, onChange, onSubmit },
    message: said ? t(said) : "",
    /** A link was followed but the last change could not be saved: the person chooses. */
    leaving: blocked && status === "not-saved" ? { stay: () => blocker.reset(), leave: () => blocker.proceed() } : null,
  };
}

/** Asks before leaving a change that could not be saved. */
export function LeaveUnsavedDialog({ stay, leave }: { stay: () => void; leave: () => void }) {
  const { t } = useTranslation("staff");
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    element?.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      aria-labelledby="leave-unsaved-title"
      aria-describedby="leave-unsaved-text"
      onCancel={(event) => {
        event.preventDefault();
        stay();
      }}
      className="max-w-md rounded-lg p-6 shadow-lg backdrop:bg-slate-900/50"
    >
      <h2 id="leave-unsaved-title" className="text-lg font-semibold">
        {t("assessments.autosave.leaveTitle")}
      </h2>
      <p id="leave-unsaved-text" className="mt-2 text-slate-700">
        {t("assessments.autosave.leaveText")}
      </p>
      <div className="mt-4 flex flex-wrap gap-2">
        <button type="button" className="btn-primary" onClick={stay}>
          {t("assessments.autosave.stay")}
        </button>
        <button type="button" className="btn-secondary" onClick={leave}>
          {t("assessments.autosave.leave")}
        </button>
      </div>
    </dialog>
  );
}
