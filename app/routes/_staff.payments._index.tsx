import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { PAYMENT_STATUSES } from "../../db/schema";
import { listPayments } from "~/models/payment.server";
import { requireMembership, STAFF_ROLES } from "~/utils/auth.server";
import { formatDate } from "~/utils/format";
import { formatCents } from "~/utils/money";
import { PAYMENT_CHOICE_LABELS, PAYMENT_STATUS_LABELS } from "~/utils/payment-options";
import { yearField } from "~/utils/payment-schema";

export const meta: MetaFunction = () => [{ title: "Payments" }];

// Year and status say nothing about a person, so they may sit in the address.
const FilterSchema = z.object({
  year: yearField.optional().catch(undefined),
  status: z.enum(PAYMENT_STATUSES).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const { membership } = await requireMembership(request, STAFF_ROLES);
  const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== ""));
  const filters = FilterSchema.parse(params);
  return {
    filters,
    isAdmin: membership.role === "admin",
    overdue: listPayments(membership.organizationId, { overdueOnly: true }),
    payments: listPayments(membership.organizationId, filters),
  };
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["payments"][number];

function PaymentItem({ p }: { p: Row }) {
  return (
    <li className="card">
      <p className="font-semibold">
        <Link to={`/payments/${p.id}`} className="link">
          {formatCents(p.feeCents)} to {p.consultantName}
        </Link>
        {p.expensesCents ? <span className="font-normal"> + {formatCents(p.expensesCents)} expenses</span> : null}
      </p>
      <p className="text-sm">
        {p.engagementTitle} · {p.programName}
      </p>
      <p className="text-sm">
        {PAYMENT_STATUS_LABELS[p.status]}
        {p.consultantChoice ? ` · ${PAYMENT_CHOICE_LABELS[p.consultantChoice]}` : ""}
        {p.paidDate ? ` · paid ${formatDate(p.paidDate)}` : p.dueDate ? ` · due ${formatDate(p.dueDate)}` : ""}
        {p.overdue ? <strong className="ml-2 text-red-800">Overdue</strong> : null}
      </p>
      {p.daysToPay !== null ? (
        <p className="text-sm text-slate-700">
          Paid {p.daysToPay === 1 ? "1 day" : `${p.daysToPay} days`} after the work was completed
        </p>
      ) : null}
    </li>
  );
}

export default function Payments() {
  const { filters, overdue, payments } = useLoaderData<typeof loader>();
  const thisYear = new Date().getUTCFullYear();
  return (
    <>
      <h1 className="page-title">Payments</h1>
      <p className="mt-2">
        <Link to="/payments/tax-year" className="link">
          Tax year totals and the year-end CSV
        </Link>
      </p>
      <p className="mt-2 text-slate-700">
        Record a payment from an engagement’s page. Staff record payments as waiting for approval; admins approve them
        and mark them paid.
      </p>

      <section aria-labelledby="overdue-heading" className="mt-6">
        <h2 id="overdue-heading" className="text-lg font-semibold">
          Overdue
        </h2>
        {overdue.length === 0 ? (
          <p className="card mt-2">Nothing is overdue. Thank you for paying on time.</p>
        ) : (
          <ul className="mt-2 grid gap-3 md:grid-cols-2">
            {overdue.map((p) => (
              <PaymentItem key={p.id} p={p} />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="all-heading" className="mt-8">
        <h2 id="all-heading" className="text-lg font-semibold">
          All payments
        </h2>
        <Form method="get" className="card mt-2 flex flex-wrap items-end gap-3" aria-label="Filter payments">
          <div>
            <label htmlFor="year" className="block text-sm font-medium">
              Year
            </label>
            <select id="year" name="year" defaultValue={filters.year ?? ""} className="input">
              <option value="">Any year</option>
              {[thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="status" className="block text-sm font-medium">
              Status
            </label>
            <select id="status" name="status" defaultValue={filters.status ?? ""} className="input">
              <option value="">Any status</option>
              {PAYMENT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {PAYMENT_STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn-secondary">
            Show
          </button>
        </Form>
        {payments.length === 0 ? (
          <p className="card mt-3">No payments {filters.year || filters.status ? "match these filters" : "yet"}.</p>
        ) : (
          <ul className="mt-3 grid gap-3 md:grid-cols-2">
            {payments.map((p) => (
              <PaymentItem key={p.id} p={p} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
