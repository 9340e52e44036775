import { SafeTrans } from "~/i18n/safe-trans";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, Notice, PasswordField, useMessages } from "~/components/forms";
import type { TwoStepActionResult } from "~/utils/account-pages.server";

type Props = {
  state: "off" | "setting-up" | "on";
  recoveryCodesLeft: number;
  setup: { qrCodeDataUrl: string; secretForTyping: string } | null;
  result: TwoStepActionResult | undefined;
  /** ?required=1: the organization requires it and the person has not set it up yet. */
  required: boolean;
  done: string | null;
};

const DONE = {
  off: "twoStepSettings.doneOff",
  cancelled: "twoStepSettings.doneCancelled",
} as const;

const isDone = (done: string | null): done is keyof typeof DONE => done !== null && done in DONE;

/** One short field for a code, its label, help and error linked for screen readers. */
function CodeField({
  id,
  label,
  help,
  error: errorMessage,
}: {
  id: string;
  label: string;
  help?: string;
  error?: string;
}) {
  const error = useMessages(errorMessage ? [errorMessage] : undefined);
  const describedBy = [help ? `${id}-help` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="mb-4">
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <input
        id={id}
        name="code"
        type="text"
        inputMode="numeric"
        autoComplete="one-time-code"
        spellCheck={false}
        className="input max-w-xs"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {help ? (
        <p id={`${id}-help`} className="mt-1 text-sm text-slate-700">
          {help}
        </p>
      ) : null}
      <p id={`${id}-error`} className="min-h-[1.25rem] text-sm font-medium text-red-800" aria-live="polite">
        {error}
      </p>
    </div>
  );
}

/** The password again, asked before any change to how the person signs in. */
function PasswordAgainField({ id, error }: { id: string; error?: string }) {
  const { t } = useTranslation();
  return (
    <PasswordField
      field={{
        id,
        name: "password",
        descriptionId: `${id}-help`,
        errorId: `${id}-error`,
        errors: error ? [error] : [],
      }}
      label={t("twoStepSettings.passwordLabel")}
      help={t("twoStepSettings.passwordHelp")}
      autoComplete="current-password"
      short
    />
  );
}

function RecoveryCodes({ codes }: { codes: string[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="codes-heading" className="card mt-4 border-2 border-brand-600">
      <h2 id="codes-heading" className="text-lg font-semibold">
        {t("twoStepSettings.codesHeading")}
      </h2>
      <p className="mt-1">
        <SafeTrans t={t} i18nKey="twoStepSettings.codesIntro" components={{ strong: <strong /> }} />
      </p>
      <ul className="mt-3 grid grid-cols-2 gap-2 font-mono text-lg" aria-label={t("twoStepSettings.codesLabel")}>
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
    </section>
  );
}

export function TwoStepSettings({ state, recoveryCodesLeft, setup, result, required, done }: Props) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const errors = result?.errors;
  const errorFor = (intent: string) => (result?.intent === intent ? errors : undefined);
  return (
    <>
      <h1 className="page-title">{t("twoStepSettings.heading")}</h1>
      <div className="mt-4">
        {isDone(done) ? <Notice>{t(DONE[done])}</Notice> : null}
        {required && state !== "on" ? (
          <div role="status" className="mb-4 rounded-md border border-amber-700 bg-amber-50 p-3 text-amber-950">
            {t("twoStepSettings.required")}
          </div>
        ) : null}
        <FormErrors id="two-step-errors" errors={errors?.form ? [errors.form] : undefined} />
      </div>
      <p className="max-w-prose">{t("twoStepSettings.intro")}</p>

      {state === "off" ? (
        <section aria-labelledby="off-heading" className="card mt-4 max-w-xl">
          <h2 id="off-heading" className="text-lg font-semibold">
            {t("twoStepSettings.offHeading")}
          </h2>
          <p className="mt-1">{t("twoStepSettings.offIntro")}</p>
          <Form method="post" className="mt-4">
            <input type="hidden" name="intent" value="start" />
            <PasswordAgainField id="start-password" error={errorFor("start")?.password} />
            <button type="submit" className="btn-primary" disabled={busy}>
              {t("twoStepSettings.setUp")}
            </button>
          </Form>
        </section>
      ) : null}

      {state === "setting-up" && setup ? (
        <section aria-labelledby="setup-heading" className="card mt-4 max-w-xl">
          <h2 id="setup-heading" className="text-lg font-semibold">
            {t("twoStepSettings.setupHeading")}
          </h2>
          <ol className="mt-2 list-decimal space-y-3 pl-5">
            <li>{t("twoStepSettings.stepAdd")}</li>
            <li>
              {t("twoStepSettings.stepScan")}
              <img
                src={setup.qrCodeDataUrl}
                alt={t("twoStepSettings.qrAlt")}
                width={200}
                height={200}
                className="mt-2 block rounded border border-slate-300 bg-white"
              />
              <p className="mt-2">{t("twoStepSettings.stepKey")}</p>
              <p className="mt-1 break-all font-mono text-lg" id="setup-key">
                {setup.secretForTyping}
              </p>
            </li>
            <li>{t("twoStepSettings.stepCode")}</li>
          </ol>
          <Form method="post" className="mt-4">
            <input type="hidden" name="intent" value="confirm" />
            <CodeField id="confirm-code" label={t("twoStepSettings.codeLabel")} error={errorFor("confirm")?.code} />
            <PasswordAgainField id="confirm-password" error={errorFor("confirm")?.password} />
            <button type="submit" className="btn-primary" disabled={busy}>
              {t("twoStepSettings.turnOn")}
            </button>
          </Form>
          <Form method="post" className="mt-4">
            <button type="submit" name="intent" value="cancel" className="btn-secondary" disabled={busy}>
              {t("twoStepSettings.stopSetup")}
            </button>
          </Form>
        </section>
      ) : null}

      {state === "on" ? (
        <>
          {result?.recoveryCodes ? (
            <>
              <Notice>{t("twoStepSettings.nowOn")}</Notice>
              <RecoveryCodes codes={result.recoveryCodes} />
            </>
          ) : null}
          <section aria-labelledby="on-heading" className="card mt-4 max-w-xl">
            <h2 id="on-heading" className="text-lg font-semibold">
              {t("twoStepSettings.onHeading")}
            </h2>
            <p className="mt-1">{t("twoStepSettings.codesLeft", { count: recoveryCodesLeft })}</p>
          </section>

          <section aria-labelledby="new-codes-heading" className="card mt-4 max-w-xl">
            <h2 id="new-codes-heading" className="text-lg font-semibold">
              {t("twoStepSettings.newCodesHeading")}
            </h2>
            <p className="mt-1">{t("twoStepSettings.newCodesIntro")}</p>
            <Form method="post" className="mt-4">
              <input type="hidden" name="intent" value="new-codes" />
              <CodeField
                id="new-codes-code"
                label={t("twoStepSettings.newCodesCodeLabel")}
                error={errorFor("new-codes")?.code}
              />
              <PasswordAgainField id="new-codes-password" error={errorFor("new-codes")?.password} />
              <button type="submit" className="btn-secondary" disabled={busy}>
                {t("twoStepSettings.getNewCodes")}
              </button>
            </Form>
          </section>

          <section aria-labelledby="turn-off-heading" className="card mt-4 max-w-xl">
            <h2 id="turn-off-heading" className="text-lg font-semibold">
              {t("twoStepSettings.turnOffHeading")}
            </h2>
            <p className="mt-1">{t("twoStepSettings.turnOffIntro")}</p>
            <Form method="post" className="mt-4">
              <input type="hidden" name="intent" value="turn-off" />
              <CodeField
                id="turn-off-code"
                label={t("twoStepSettings.turnOffCodeLabel")}
                error={errorFor("turn-off")?.code}
              />
              <PasswordAgainField id="turn-off-password" error={errorFor("turn-off")?.password} />
              <button type="submit" className="btn-danger" disabled={busy}>
                {t("twoStepSettings.turnOff")}
              </button>
            </Form>
          </section>
        </>
      ) : null}
    </>
  );
}
