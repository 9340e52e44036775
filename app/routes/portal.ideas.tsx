import { withHttpErrors, whereRuleErrorGoes } from "~/utils/http-errors.server";
import { parseWithZod } from "~/utils/zod-form.server";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormErrors, Notice, RadioGroupField, SelectField, TextAreaField, TextField } from "~/components/forms";
import { fieldsFromReply } from "~/components/reply-fields";
import { PortalErrorPage } from "~/components/portal-error";
import { requireOwnConsultantId } from "~/models/consultant/own.server";
import {
  followAnonymousIdea,
  markIdeaAnswerRead,
  myIdeas,
  programsForIdeas,
  sendIdea,
  type MyIdea,
} from "~/models/program-input/consultant-ideas.server";
import { RuleError } from "~/models/errors";
import { ANONYMITY_THRESHOLD } from "~/models/feedback/anonymity.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/form-data.server";
import { IdeaView, type IdeaShown } from "~/components/idea-view";
import { GENERAL } from "~/utils/idea-options";
import { IdeasActionSchema } from "~/utils/idea-schema";

// My own ideas, and a receipt code shown once: never kept in the browser's cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "portal:use");
  // Always the signed-in person's own record in the active organization.
  const consultantId = requireOwnConsultantId(db, membership.organizationId, user.id);
  return {
    programs: programsForIdeas(db, membership.organizationId, consultantId),
    anonymityThreshold: ANONYMITY_THRESHOLD,
    ideas: myIdeas(membership.organizationId, consultantId),
    creationKey: crypto.randomUUID(),
  };
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "portal:use");
  const organizationId = membership.organizationId;
  const consultantId = requireOwnConsultantId(db, organizationId, user.id);
  const submission = parseWithZod(await readForm(request), { schema: IdeasActionSchema });
  if (submission.status !== "success") return data({ reply: submission.reply() }, { status: 400 });
  const v = submission.value;
  if (v.intent === "read") {
    // Anyone else's item (or none) is a 404, whatever the form says.
    markIdeaAnswerRead({ organizationId, consultantId, userId: user.id, itemId: v.itemId });
    return redirect("/portal/ideas?done=read");
  }
  if (v.intent === "follow") {
    const found = followAnonymousIdea(organizationId, v.code);
    if (!found) {
      return data(
        { reply: submission.reply({ fieldErrors: { code: ["portal:ideas.errors.codeNotFound"] } }) },
        { status: 400 },
      );
    }
    // The code is not sent back: the page shows the idea, and the field empties.
    return { followed: found };
  }
  try {
    const sent = sendIdea({
      organizationId,
      consultantId,
      userId: user.id,
      kind: v.kind,
      programId: v.about === GENERAL ? null : v.about,
      summary: v.summary,
      anonymous: v.who === "anonymous",
      creationKey: v.creationKey,
    });
    if (v.who === "named") return redirect("/portal/ideas?done=sent");
    // Shown in this answer only: the code is not stored, and not in any address.
    return { receipt: { code: sent.receiptCode } };
  } catch (error) {
    if (!(error instanceof RuleError)) throw error;
    return data({ reply: submission.reply(whereRuleErrorGoes(error)) }, { status: 400 });
  }
});

type ActionData = ReturnType<typeof useActionData<typeof action>>;
type Reply = Extract<NonNullable<ActionData>, { reply: unknown }>["reply"];

/** The reply of the form that was sent, for that form only. */
function replyFor(actionData: ActionData, intent: "send" | "follow"): Reply | undefined {
  if (!actionData || !("reply" in actionData)) return undefined;
  return actionData.reply.initialValue?.intent === intent ? actionData.reply : undefined;
}

export default function MyIdeasPage() {
  const { t } = useTranslation("portal");
  const { programs, anonymityThreshold, ideas, creationKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const done = searchParams.get("done");
  const receipt = actionData && "receipt" in actionData ? actionData.receipt : null;
  const followed = (actionData && "followed" in actionData ? actionData.followed : null) ?? null;
  return (
    <>
      <h1 className="page-title">{t("ideas.title")}</h1>
      <p className="mt-2">{t("ideas.intro")}</p>
      <div className="mt-4">
        {done === "sent" ? <Notice>{t("ideas.sentNamed")}</Notice> : null}
        {done === "read" ? <Notice>{t("ideas.readDone")}</Notice> : null}
      </div>
      {receipt ? <ReceiptCode code={receipt.code} /> : null}

      <SendIdeaForm
        // Empty again once an anonymous idea is sent (a named one comes back through a redirect); a
        // refused one keeps what was typed.
        key={receipt?.code ?? "send"}
        programs={programs}
        anonymityThreshold={anonymityThreshold}
        creationKey={creationKey}
        lastResult={replyFor(actionData, "send")}
      />

      <MyIdeasList ideas={ideas} />

      <FollowForm lastResult={replyFor(actionData, "follow")} followed={followed} />
    </>
  );
}

/** The receipt code of an anonymous idea, shown this once. */
function ReceiptCode({ code }: { code: string | null }) {
  const { t } = useTranslation("portal");
  return (
    <section aria-labelledby="receipt-heading" className="mt-4 rounded-lg border-2 border-brand-600 bg-brand-50 p-4">
      <h2 id="receipt-heading" className="text-lg font-semibold">
        {t("ideas.receipt.heading")}
      </h2>
      {code ? (
        <>
          <p className="mt-2">{t("ideas.receipt.yourCode")}</p>
          <p
            className="mt-1 select-all break-all font-mono text-2xl font-bold tracking-wider"
            data-testid="receipt-code"
          >
            {code}
          </p>
          <p className="mt-2">{t("ideas.receipt.onlyOnce")}</p>
          <p className="mt-1">{t("ideas.receipt.howToUse")}</p>
        </>
      ) : (
        <p className="mt-2">{t("ideas.receipt.alreadySent")}</p>
      )}
    </section>
  );
}

function SendIdeaForm({
  programs,
  anonymityThreshold,
  creationKey,
  lastResult,
}: {
  programs: { id: string; name: string; anonymousAllowed: boolean }[];
  anonymityThreshold: number;
  creationKey: string;
  lastResult: Reply | undefined;
}) {
  const { t } = useTranslation("portal");
  const navigation = useNavigation();
  // "Without my name" chosen on this page (with JavaScript): the list then offers only the programs an
  // anonymous idea may be about. As the server renders it (so without JavaScript) the list holds every
  // program and the server's refusal is the guard: the refused choice stays selected beside its message.
  const [anonymous, setAnonymous] = useState(false);
  const offered = anonymous ? programs.filter((p) => p.anonymousAllowed) : programs;
  const { form, fields } = fieldsFromReply("send-idea", lastResult, ["kind", "about", "summary", "who"], {
    kind: "idea",
    about: GENERAL,
  });
  const busy = navigation.state !== "idle" && navigation.formData?.get("intent") === "send";
  return (
    <section aria-labelledby="send-heading" className="card mt-4">
      <h2 id="send-heading" className="text-lg font-semibold">
        {t("ideas.send.heading")}
      </h2>
      <Form
        method="post"
        id={form.id}
        noValidate
        className="mt-3"
        onChange={(event) => {
          const input = event.target as HTMLInputElement;
          if (input.name === fields.who.name) setAnonymous(input.value === "anonymous");
        }}
      >
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="send" />
        {/* The same key on a resubmission returns what the first one made. */}
        <input type="hidden" name="creationKey" value={creationKey} />
        <RadioGroupField
          field={fields.kind}
          legend={t("ideas.send.kind")}
          options={[
            ["idea", t("ideas.send.kindIdea")],
            ["concern", t("ideas.send.kindConcern")],
          ]}
        />
        <SelectField
          field={fields.about}
          label={t("ideas.send.about")}
          help={
            anonymous ? t("ideas.send.aboutHelpAnonymous", { people: anonymityThreshold }) : t("ideas.send.aboutHelp")
          }
          options={[[GENERAL, t("ideas.inGeneral")], ...offered.map((p) => [p.id, p.name] as const)]}
        />
        <TextAreaField
          field={fields.summary}
          label={t("ideas.send.summary")}
          help={t("ideas.send.summaryHelp")}
          rows={5}
        />
        <RadioGroupField
          field={fields.who}
          legend={t("ideas.send.who")}
          options={[
            ["named", t("ideas.send.named")],
            ["anonymous", t("ideas.send.anonymous")],
          ]}
          help={
            <>
              <span className="block">{t("ideas.send.namedHelp")}</span>
              <span className="mt-1 block">{t("ideas.send.anonymousHelp")}</span>
              <span className="mt-1 block">{t("ideas.send.anonymousGuess", { people: anonymityThreshold })}</span>
            </>
          }
        />
        <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
          {busy ? t("ideas.send.sending") : t("ideas.send.submit")}
        </button>
      </Form>
    </section>
  );
}

function MyIdeasList({ ideas }: { ideas: MyIdea[] }) {
  const { t } = useTranslation("portal");
  return (
    <section aria-labelledby="my-ideas-heading" className="mt-6">
      <h2 id="my-ideas-heading" className="text-lg font-semibold">
        {t("ideas.mine.heading")}
      </h2>
      <p className="mt-1">{t("ideas.mine.intro")}</p>
      {ideas.length === 0 ? (
        <p className="card mt-3">{t("ideas.mine.none")}</p>
      ) : (
        <ul className="mt-3 space-y-3" aria-label={t("ideas.mine.heading")}>
          {ideas.map((idea) => (
            <li key={idea.id} className="card break-words">
              <IdeaView idea={idea} headingLevel={3} />
              {idea.newAnswer ? (
                <Form method="post" className="mt-3">
                  <input type="hidden" name="intent" value="read" />
                  <input type="hidden" name="itemId" value={idea.id} />
                  <button type="submit" className="btn-secondary min-h-[44px] w-full sm:w-auto">
                    {t("ideas.mine.markRead")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function FollowForm({
  lastResult,
  followed,
}: {
  lastResult: Reply | undefined;
  followed: Omit<IdeaShown, "anonymous" | "newAnswer"> | null;
}) {
  const { t } = useTranslation("portal");
  const navigation = useNavigation();
  const { form, fields } = fieldsFromReply("follow-idea", lastResult, ["code"]);
  const busy = navigation.state !== "idle" && navigation.formData?.get("intent") === "follow";
  return (
    <section aria-labelledby="follow-heading" className="card mt-6">
      <h2 id="follow-heading" className="text-lg font-semibold">
        {t("ideas.follow.heading")}
      </h2>
      <p className="mt-1">{t("ideas.follow.intro")}</p>
      <Form method="post" id={form.id} noValidate className="mt-3">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="follow" />
        <TextField
          field={fields.code}
          label={t("ideas.follow.code")}
          help={t("ideas.follow.codeHelp")}
          autoComplete="off"
        />
        <button type="submit" className="btn-secondary min-h-[44px] w-full sm:w-auto" disabled={busy}>
          {t("ideas.follow.submit")}
        </button>
      </Form>
      {followed ? (
        <div className="mt-4 border-t border-slate-200 pt-4" role="status">
          <IdeaView idea={{ ...followed, anonymous: true }} headingLevel={3} />
        </div>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  const { t } = useTranslation("portal");
  return <PortalErrorPage title={t("ideas.title")} />;
}
