import { withHttpErrors } from "~/utils/http-errors.server";
import { redirect, type ActionFunctionArgs } from "@remix-run/node";

import { homePathFor } from "~/utils/auth/redirects.server";
import { requireUser } from "~/utils/auth/guards.server";
import { switchActiveOrganization } from "~/utils/auth/session.server";
import { readForm } from "~/utils/form-data.server";
import { RuleError } from "~/models/errors";
import { SwitchSchema } from "~/utils/account-schema";

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request }: ActionFunctionArgs) {
  const { user, session } = await requireUser(request);
  const parsed = SwitchSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) throw new RuleError(null, "common:accountErrors.chooseOrganization");
  const membership = switchActiveOrganization(session.id, user.id, parsed.data.organizationId);
  // The role may differ in the other organization, so always land on that role's home page.
  return redirect(homePathFor(membership.role));
});

export const loader = /* @__PURE__ */ withHttpErrors(async function loader() {
  return redirect("/");
});
