import { SafeTrans } from "~/i18n/safe-trans";
import { RuleError } from "~/models/errors";
import { withHttpErrors } from "~/utils/http-errors.server";
import { parseWithZod } from "~/utils/zod-form.server";
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ExperienceLetter } from "~/components/experience-letter";
import { FormErrors, Notice } from "~/components/forms";
import { PortalErrorPage } from "~/components/portal-error";
import { getOwnLetter, makeOwnLetterCopy } from "~/models/experience/letters.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { appUrl } from "~/utils/env.server";
import { OwnLetterCopySchema } from "~/utils/experience-schema";
import { readForm } from "~/utils/form-data.server";
import { useFormat } from "~/utils/use-format";

// A copy's code is on this page only right after it was made: never kept in the browser's cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "portal:use");
  return {
    letter: getOwnLetter({ organizationId: membership.organizationId, userId: user.id, letterId: params.id ?? "" }),
    verifyAddress: `${appUrl()}/verify`,
  };
});

// The code is answered in this response only: never in an address, never stored in clear.
export const action = /* @__PURE__ */ withHttpErrors(async function action({ request, params }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "portal:use");
  const submission = parseWithZod(await readForm(request), { schema: OwnLetterCopySchema });
  if (submission.status !== "success") return data({ result: submission.reply(), code: null }, { status: 400 });
  try {
    const copy = makeOwnLetterCopy({
      organizationId: membership.organizationId,
      userId: user.id,
      letterId: params.id ?? "",
    });
    return { result: submission.reply({ resetForm: true }), code: copy.code };
  } catch (error) {
    if (!(error instanceof RuleError)) throw error;
    return data({ result: submission.reply({ formErrors: [error.text] }), code: null }, { status: 400 });
  }
});

export default function MyLetter() {
  const { t } = useTranslation("portal");
  const f = useFormat();
  const { letter, verifyAddress } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const code = answer?.code ?? null;
  return (
    <>
      <p className="print:hidden">
        <Link to="/portal/experience" className="link">
          {t("experience.letter.back")}
        </Link>
      </p>
      <h1 className="page-title mt-2 print:hidden">
        {t("experience.letter.title", { day: f.calendarDay(letter.issuedOn) })}
      </h1>
      {letter.status === "issued" ? (
        <div className="card mt-4 print:hidden">
          {code ? (
            <Notice>
              <SafeTrans t={t} i18nKey="experience.letter.copyReady" components={{ bold: <strong /> }} />
            </Notice>
          ) : null}
          <p>{t("experience.letter.copyHelp")}</p>
          <FormErrors id="copy-errors" errors={answer?.result?.error?.[""] ?? undefined} />
          <Form method="post" className="mt-3">
            <input type="hidden" name="intent" value="copy" />
            <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
              {code ? t("experience.letter.copyAnother") : t("experience.letter.copy")}
            </button>
          </Form>
        </div>
      ) : null}
      <ExperienceLetter letter={letter} code={code} verifyAddress={verifyAddress} />
    </>
  );
}

export function ErrorBoundary() {
  const { t } = useTranslation("portal");
  return <PortalErrorPage title={t("experience.title")} />;
}
