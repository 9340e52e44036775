import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FormErrors, Notice } from "~/components/forms";
import {
  approvePayment,
  getPayment,
  markPaymentPaid,
  PaymentRuleError,
  recordPaymentChoice,
  voidPayment,
} from "~/models/payment.server";
import { notifyConsultant } from "~/models/contact.server";
import { requireMembership, STAFF_ROLES } from "~/utils/auth.server";
import { PAYMENT_METHOD_LABELS } from "~/utils/consultant-options";
import { formatDate } from "~/utils/format";
import { formatCents } from "~/utils/money";
import { PAYMENT_CHOICE_LABELS, PAYMENT_STATUS_LABELS } from "~/utils/payment-options";
import { paidDateField } from "~/utils/payment-schema";
import { readForm } from "~/utils/form-data.server";

export const meta: MetaFunction = () => [{ title: "Payment" }];

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve") }),
  z.object({
    intent: z.literal("mark-paid"),
    paidDate: paidDateField,
    reference: z.string().trim().max(100).optional(),
  }),
  z.object({
    intent: z.literal("void"),
    reason: z.string({ error: "Say why." }).trim().min(1, "Say why.").max(500, "Use no more than 500 characters."),
  }),
  z.object({ intent: z.literal("choice"), choice: z.enum(["deferred", "declined", "none"]) }),
]);

// Approving and paying are for admins: the person who records a payment is not the one who releases it.
const ADMIN_ONLY = new Set(["approve", "mark-paid", "void"]);

const DONE: Record<string, string> = {
  created: "Payment saved. It is waiting for an admin to approve it.",
  approve: "Payment approved.",
  "mark-paid": "Payment marked paid.",
  void: "Payment made void.",
  choice: "The consultant's choice is recorded.",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { membership } = await requireMembership(request, STAFF_ROLES);
  return { payment: getPayment(membership.organizationId, params.id ?? ""), isAdmin: membership.role === "admin" };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, membership } = await requireMembership(request, STAFF_ROLES);
  const submission = parseWithZod(await readForm(request), { schema: ActionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const v = submission.value;
  if (ADMIN_ONLY.has(v.intent) && membership.role !== "admin") {
    throw new Response("Only an admin can approve, pay or void a payment.", { status: 403 });
  }
  const scope = { organizationId: membership.organizationId, actorUserId: user.id, paymentId: params.id ?? "" };
  try {
    if (v.intent === "approve") approvePayment(scope);
    if (v.intent === "mark-paid") {
      // Only the click that marks it paid tells the consultant; a repeated one changes nothing.
      if (markPaymentPaid({ ...scope, paidDate: v.paidDate, reference: v.reference ?? null })) {
        const { consultantId } = getPayment(scope.organizationId, scope.paymentId);
        await notifyConsultant({
          organizationId: scope.organizationId,
          consultantId,
          message: { template: "portal-notice" },
        });
      }
    }
    if (v.intent === "void") voidPayment({ ...scope, reason: v.reason });
    if (v.intent === "choice") recordPaymentChoice({ ...scope, choice: v.choice === "none" ? null : v.choice });
    return redirect(`/payments/${scope.paymentId}?done=${v.intent}`);
  } catch (error) {
    if (error instanceof PaymentRuleError) {
      return data(submission.reply({ formErrors: [error.message] }), { status: 400 });
    }
    throw error;
  }
}

export default function PaymentPage() {
  const { payment: p, isAdmin } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const done = DONE[searchParams.get("done") ?? ""];
  const busy = navigation.state === "submitting";
  const errors = lastResult?.error ? (Object.values(lastResult.error).flat().filter(Boolean) as string[]) : [];
  const open = p.status === "pending" || p.status === "approved";
  const today = new Date().toISOString().slice(0, 10);
  return (
    <>
      <p>
        <Link to="/payments" className="link">
          ← Payments
        </Link>
      </p>
      <h1 className="page-title mt-2">
        {formatCents(p.feeCents)} to {p.consultantName}
      </h1>
      <p className="mt-1">
        For{" "}
        <Link to={`/engagements/${p.engagementId}`} className="link">
          {p.engagementTitle}
        </Link>{" "}
        · {p.programName}
      </p>
      <div className="mt-4">{done ? <Notice>{done}</Notice> : null}</div>
      <FormErrors id="payment-errors" errors={errors} />
      <dl className="card mt-2 grid gap-2 sm:grid-cols-2">
        <div>
          <dt className="font-medium text-slate-700">Status</dt>
          <dd>
            {PAYMENT_STATUS_LABELS[p.status]}
            {p.overdue ? <strong className="ml-2 text-red-800">Overdue</strong> : null}
          </dd>
        </div>
        <div>
          <dt className="font-medium text-slate-700">Fee</dt>
          <dd>{formatCents(p.feeCents)}</dd>
        </div>
        <div>
          <dt className="font-medium text-slate-700">Expenses reimbursed (not income)</dt>
          <dd>{formatCents(p.expensesCents)}</dd>
        </div>
        <div>
          <dt className="font-medium text-slate-700">Method</dt>
          <dd>{PAYMENT_METHOD_LABELS[p.method]}</dd>
        </div>
        <div>
          <dt className="font-medium text-slate-700">Due</dt>
          <dd>{p.dueDate ? formatDate(p.dueDate) : "When the work is completed"}</dd>
        </div>
        <div>
          <dt className="font-medium text-slate-700">Paid</dt>
          <dd>{p.paidDate ? `${formatDate(p.paidDate)}${p.reference ? ` (ref. ${p.reference})` : ""}` : "Not yet"}</dd>
        </div>
        {p.consultantChoice ? (
          <div>
            <dt className="font-medium text-slate-700">Consultant’s choice</dt>
            <dd>{PAYMENT_CHOICE_LABELS[p.consultantChoice]}</dd>
          </div>
        ) : null}
        {p.voidReason ? (
          <div>
            <dt className="font-medium text-slate-700">Void because</dt>
            <dd>{p.voidReason}</dd>
          </div>
        ) : null}
      </dl>

      {open ? (
        <div className="mt-6 grid gap-6 md:grid-cols-2">
          {isAdmin ? (
            <section aria-labelledby="admin-heading" className="card">
              <h2 id="admin-heading" className="text-lg font-semibold">
                Approve and pay
              </h2>
              {p.status === "pending" ? (
                <Form method="post" className="mt-3">
                  <button type="submit" name="intent" value="approve" className="btn-primary" disabled={busy}>
                    Approve payment
                  </button>
                </Form>
              ) : (
                <Form method="post" className="mt-3">
                  <input type="hidden" name="intent" value="mark-paid" />
                  <label htmlFor="paid-date" className="block font-medium">
                    Date paid
                  </label>
                  <input id="paid-date" name="paidDate" type="date" defaultValue={today} className="input" required />
                  <label htmlFor="reference" className="mt-3 block font-medium">
                    Reference (optional)
                  </label>
                  <input id="reference" name="reference" maxLength={100} className="input" />
                  <button type="submit" className="btn-primary mt-3" disabled={busy}>
                    Mark paid
                  </button>
                </Form>
              )}
              <Form method="post" className="mt-5 border-t border-slate-200 pt-4">
                <input type="hidden" name="intent" value="void" />
                <label htmlFor="void-reason" className="block font-medium">
                  Reason to make it void
                </label>
                <input id="void-reason" name="reason" maxLength={500} className="input" />
                <button type="submit" className="btn-danger mt-3" disabled={busy}>
                  Make void
                </button>
              </Form>
            </section>
          ) : (
            <p className="card">An admin approves this payment and marks it paid.</p>
          )}
          <section aria-labelledby="choice-heading" className="card">
            <h2 id="choice-heading" className="text-lg font-semibold">
              The consultant’s choice
            </h2>
            <p className="mt-2 text-sm">
              Some people defer or decline a payment, for example because of public benefits. Record what they told you.
              We do not give advice.
            </p>
            <Form method="post" className="mt-3 flex flex-wrap gap-2">
              <input type="hidden" name="intent" value="choice" />
              <button type="submit" name="choice" value="deferred" className="btn-secondary" disabled={busy}>
                They defer it
              </button>
              <button type="submit" name="choice" value="declined" className="btn-secondary" disabled={busy}>
                They decline it
              </button>
              {p.consultantChoice ? (
                <button type="submit" name="choice" value="none" className="btn-secondary" disabled={busy}>
                  Clear their choice
                </button>
              ) : null}
            </Form>
          </section>
        </div>
      ) : null}
    </>
  );
}
