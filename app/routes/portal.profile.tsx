/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { replyWithRuleError, withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import type { z } from "zod";
import { PortalErrorPage } from "~/components/portal-error";
import { ConsultantProfileFields } from "~/components/consultant-profile-fields";
import { FormErrors, Notice } from "~/components/forms";
import { requireOwnConsultant, updateOwnProfile } from "~/models/consultant/own.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { profileFormDefaults } from "~/utils/consultant-form";
import { readForm } from "~/utils/form-data.server";
import { MyProfileSchema } from "~/utils/consultant-schema";

// Personal details: never kept in the browser's cache, so Back after Quick exit cannot show them.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "portal:use");
  // Always the signed-in person's own record in the active organization, never an id from the URL.
  const own = requireOwnConsultant(membership.organizationId, user.id);
  return {
    organizationName: membership.organizationName,
    version: own.updatedAt.getTime(),
    defaults: profileFormDefaults(own),
  };
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "portal:use");
  const submission = parseWithZod(await readForm(request), { schema: MyProfileSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { version, ...input } = submission.value;
  try {
    updateOwnProfile({
      organizationId: membership.organizationId,
      userId: user.id,
      input,
      expectedVersion: version,
    });
  } catch (error) {
    return replyWithRuleError(error, submission);
  }
  return redirect("/portal/profile?done=saved");
});

export default function MyProfile() {
  const { organizationName, version, defaults } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm<z.input<typeof MyProfileSchema>>({
    id: "my-profile",
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: defaults,
  });
  const saved = searchParams.get("done") === "saved" && !lastResult;
  const busy = navigation.state === "submitting";
  return (
    <>
      <h1 className="page-title">My profile</h1>
      <p className="mb-4 mt-2">This is what {organizationName} knows about you. You can change it at any time.</p>
      {saved ? <Notice>Your changes are saved.</Notice> : null}
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="version" value={version} />
        <ConsultantProfileFields fields={fields} audience="self" />
        {Object.keys(form.allErrors).length > 0 ? (
          <p role="alert" className="mb-3 font-medium text-red-800">
            Some answers need a look. See the notes in red above.
          </p>
        ) : null}
        <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
          {busy ? "Saving…" : "Save my changes"}
        </button>
      </Form>
      <section aria-labelledby="account-safety" className="card mt-8">
        <h2 id="account-safety" className="text-lg font-semibold">
          Keeping your account safe
        </h2>
        <ul className="mt-2 space-y-2">
          <li>
            <Link to="/portal/two-step" className="link">
              Two-step sign-in
            </Link>
            : ask for a code from your phone when you sign in. It is your choice.
          </li>
          <li>
            <Link to="/portal/sessions" className="link">
              Where you are signed in
            </Link>
            : see your devices and sign out the ones you do not use.
          </li>
        </ul>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <PortalErrorPage title="My profile" />;
}
