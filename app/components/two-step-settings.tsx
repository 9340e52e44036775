/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { Form, useNavigation } from "@remix-run/react";
import { FormErrors, Notice, PasswordField } from "~/components/forms";
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

const DONE: Record<string, string> = {
  off: "Two-step sign-in is off. You sign in with your password only.",
  cancelled: "Setup stopped. Nothing changed.",
};

/** One short field for a code, its label, help and error linked for screen readers. */
function CodeField({ id, label, help, error }: { id: string; label: string; help?: string; error?: string }) {
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
  return (
    <PasswordField
      field={{
        id,
        name: "password",
        descriptionId: `${id}-help`,
        errorId: `${id}-error`,
        errors: error ? [error] : [],
      }}
      label="Your password"
      help="We ask again to make sure it is you, not someone using a device you left signed in."
      autoComplete="current-password"
      short
    />
  );
}

function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <section aria-labelledby="codes-heading" className="card mt-4 border-2 border-brand-600">
      <h2 id="codes-heading" className="text-lg font-semibold">
        Your recovery codes
      </h2>
      <p className="mt-1">
        If you lose your phone, each of these codes lets you sign in once. Save them now, somewhere safe: print them or
        keep them in a password manager. <strong>We will not show them again.</strong>
      </p>
      <ul className="mt-3 grid grid-cols-2 gap-2 font-mono text-lg" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
    </section>
  );
}

export function TwoStepSettings({ state, recoveryCodesLeft, setup, result, required, done }: Props) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const errors = result?.errors;
  const errorFor = (intent: string) => (result?.intent === intent ? errors : undefined);
  return (
    <>
      <h1 className="page-title">Two-step sign-in</h1>
      <div className="mt-4">
        {done && DONE[done] ? <Notice>{DONE[done]}</Notice> : null}
        {required && state !== "on" ? (
          <div role="status" className="mb-4 rounded-md border border-amber-700 bg-amber-50 p-3 text-amber-950">
            Your organization asks admins and staff to use two-step sign-in. Set it up here to keep using the other
            pages.
          </div>
        ) : null}
        <FormErrors id="two-step-errors" errors={errors?.form ? [errors.form] : undefined} />
      </div>
      <p className="max-w-prose">
        Two-step sign-in adds a second check. After your password, you type a 6-digit code from an app on your phone.
        Someone who learns your password still cannot get in without your phone.
      </p>

      {state === "off" ? (
        <section aria-labelledby="off-heading" className="card mt-4 max-w-xl">
          <h2 id="off-heading" className="text-lg font-semibold">
            Two-step sign-in is off
          </h2>
          <p className="mt-1">
            You need an authenticator app on your phone, for example Google Authenticator, Microsoft Authenticator or
            2FAS. Setup takes about two minutes.
          </p>
          <Form method="post" className="mt-4">
            <input type="hidden" name="intent" value="start" />
            <PasswordAgainField id="start-password" error={errorFor("start")?.password} />
            <button type="submit" className="btn-primary" disabled={busy}>
              Set up two-step sign-in
            </button>
          </Form>
        </section>
      ) : null}

      {state === "setting-up" && setup ? (
        <section aria-labelledby="setup-heading" className="card mt-4 max-w-xl">
          <h2 id="setup-heading" className="text-lg font-semibold">
            Set up your app
          </h2>
          <ol className="mt-2 list-decimal space-y-3 pl-5">
            <li>Open your authenticator app and choose to add an account.</li>
            <li>
              Scan this code with the app:
              <img
                src={setup.qrCodeDataUrl}
                alt="QR code for your authenticator app. If you cannot scan it, type the key shown below."
                width={200}
                height={200}
                className="mt-2 block rounded border border-slate-300 bg-white"
              />
              <p className="mt-2">Or type this key into the app (spaces do not matter):</p>
              <p className="mt-1 break-all font-mono text-lg" id="setup-key">
                {setup.secretForTyping}
              </p>
            </li>
            <li>Type the 6-digit code the app now shows, and your password.</li>
          </ol>
          <Form method="post" className="mt-4">
            <input type="hidden" name="intent" value="confirm" />
            <CodeField id="confirm-code" label="6-digit code" error={errorFor("confirm")?.code} />
            <PasswordAgainField id="confirm-password" error={errorFor("confirm")?.password} />
            <button type="submit" className="btn-primary" disabled={busy}>
              Turn on two-step sign-in
            </button>
          </Form>
          <Form method="post" className="mt-4">
            <button type="submit" name="intent" value="cancel" className="btn-secondary" disabled={busy}>
              Stop setup
            </button>
          </Form>
        </section>
      ) : null}

      {state === "on" ? (
        <>
          {result?.recoveryCodes ? (
            <>
              <Notice>Two-step sign-in is on. Next time you sign in, we will ask for a code from your app.</Notice>
              <RecoveryCodes codes={result.recoveryCodes} />
            </>
          ) : null}
          <section aria-labelledby="on-heading" className="card mt-4 max-w-xl">
            <h2 id="on-heading" className="text-lg font-semibold">
              Two-step sign-in is on
            </h2>
            <p className="mt-1">
              You have {recoveryCodesLeft} unused recovery {recoveryCodesLeft === 1 ? "code" : "codes"} left.
            </p>
          </section>

          <section aria-labelledby="new-codes-heading" className="card mt-4 max-w-xl">
            <h2 id="new-codes-heading" className="text-lg font-semibold">
              New recovery codes
            </h2>
            <p className="mt-1">
              Your old recovery codes will stop working, and you will be signed out on your other devices.
            </p>
            <Form method="post" className="mt-4">
              <input type="hidden" name="intent" value="new-codes" />
              <CodeField id="new-codes-code" label="6-digit code from your app" error={errorFor("new-codes")?.code} />
              <PasswordAgainField id="new-codes-password" error={errorFor("new-codes")?.password} />
              <button type="submit" className="btn-secondary" disabled={busy}>
                Get new recovery codes
              </button>
            </Form>
          </section>

          <section aria-labelledby="turn-off-heading" className="card mt-4 max-w-xl">
            <h2 id="turn-off-heading" className="text-lg font-semibold">
              Turn off two-step sign-in
            </h2>
            <p className="mt-1">
              To show it is you, enter a code from your app (or a recovery code) and your password. You will be signed
              out on your other devices.
            </p>
            <Form method="post" className="mt-4">
              <input type="hidden" name="intent" value="turn-off" />
              <CodeField
                id="turn-off-code"
                label="Code from your app, or a recovery code"
                error={errorFor("turn-off")?.code}
              />
              <PasswordAgainField id="turn-off-password" error={errorFor("turn-off")?.password} />
              <button type="submit" className="btn-danger" disabled={busy}>
                Turn off two-step sign-in
              </button>
            </Form>
          </section>
        </>
      ) : null}
    </>
  );
}
