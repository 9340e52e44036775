/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { withHttpErrors } from "~/utils/http-errors.server";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { PAYMENT_STATUSES } from "../../db/schema";
import { countOverdue, listOverdue, type OverdueItem } from "~/models/payment/overdue.server";
import { countPayments, listPayments } from "~/models/payment/lists.server";
import { isoDay } from "~/utils/day";
import { requirePermission } from "~/utils/auth/guards.server";
import { formatDate } from "~/utils/format";
import { useFormat } from "~/utils/use-format";
import { formatCents } from "~/utils/money";
import { NEEDED_NOW_LABEL, PAYMENT_CHOICE_LABELS, PAYMENT_STATUS_LABELS } from "~/utils/payment-options";
import { yearField } from "~/utils/payment-schema";
import { Pager } from "~/components/pager";
import { FilterForm } from "~/components/filter-form";
import { optionsFrom, SelectField } from "~/components/forms";
import { useMessage } from "~/i18n/use-message";

export const meta: MetaFunction = () => [{ title: "Payments" }];

// Year and status say nothing about a person, so they may sit in the address.
const FilterSchema = z.object({
  year: yearField.optional().catch(undefined),
  status: z.enum(PAYMENT_STATUSES).optional().catch(undefined),
  // "1": the list shows only what is overdue (what "show all" under Overdue links to).
  overdue: z.literal("1").optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

const PAGE_SIZE = 100;
// The Overdue panel shows the oldest few; the rest are a link away.
const OVERDUE_SHOWN = 50;

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { membership } = await requirePermission(request, "staff-pages:use");
  const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== ""));
  const { page: askedPage, ...filters } = FilterSchema.parse(params);
  const organizationId = membership.organizationId;
  const today = isoDay(new Date());
  const overdueOnly = filters.overdue === "1";
  const listFilters = { year: filters.year, status: filters.status };
  // The overdue list holds payments past due and completed work with no payment recorded.
  const overdueCounts = countOverdue(organizationId, overdueOnly ? listFilters : {}, today);
  const count = overdueOnly ? overdueCounts.total : countPayments(organizationId, listFilters, today);
  const pageCount = Math.max(1, Math.ceil(count / PAGE_SIZE));
  const page = Math.min(askedPage, pageCount);
  const window = { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
  return {
    filters,
    isAdmin: membership.role === "admin",
    // The list itself is what is overdue, paged: the panel would only repeat its start.
    overdue: overdueOnly ? [] : listOverdue(organizationId, {}, today, { limit: OVERDUE_SHOWN }),
    overdueCounts,
    items: overdueOnly
      ? listOverdue(organizationId, listFilters, today, window)
      : listPayments(organizationId, listFilters, today, window).map((payment): OverdueItem => ({
          kind: "payment",
          payment,
        })),
    count,
    page,
    pageCount,
    firstShown: (page - 1) * PAGE_SIZE + 1,
  };
});

/** The address of a page of the list, keeping its filters (a year, a status, overdue: no names). */
function listHref(filters: { year?: number; status?: string; overdue?: "1" }, page = 1) {
  const params = new URLSearchParams();
  if (filters.year) params.set("year", String(filters.year));
  if (filters.status) params.set("status", filters.status);
  if (filters.overdue) params.set("overdue", "1");
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/payments?${query}` : "/payments";
}

type Item = ReturnType<typeof useLoaderData<typeof loader>>["items"][number];
type PaymentRow = Extract<Item, { kind: "payment" }>["payment"];
type UnpaidWorkRow = Extract<Item, { kind: "unpaid-work" }>["work"];

function PaymentItem({ p }: { p: PaymentRow }) {
  const words = useMessage();
  return (
    <li className={p.neededNow ? "card border-2 border-red-700" : "card"}>
      {p.neededNow ? (
        <p className="font-semibold text-red-800">{words(NEEDED_NOW_LABEL)}: the consultant asked for it</p>
      ) : null}
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
        {words(PAYMENT_STATUS_LABELS[p.status])}
        {p.consultantChoice ? ` · ${words(PAYMENT_CHOICE_LABELS[p.consultantChoice])}` : ""}
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

/** Completed work owed a fee with nothing recorded: overdue from its due date like a payment. */
function UnpaidWorkItem({ w }: { w: UnpaidWorkRow }) {
  const fmt = useFormat();
  return (
    <li className="card">
      <p className="font-semibold">
        No payment recorded yet to {w.consultantName}
        {w.owedCents > 0 ? <span className="font-normal">, {formatCents(w.owedCents)} owed</span> : null}
      </p>
      <p className="text-sm">
        <Link to={`/engagements/${w.engagementId}`} className="link">
          {w.engagementTitle}
        </Link>{" "}
        · {w.programName}
      </p>
      <p className="text-sm">
        {w.completedAt ? `Completed ${fmt.date(w.completedAt)}` : "Completed"}
        {w.dueDate ? ` · due ${formatDate(w.dueDate)}` : ""}
        <strong className="ml-2 text-red-800">Overdue</strong>
      </p>
      <p className="mt-1">
        <Link to={`/payments/new?engagement=${w.engagementId}`} className="link">
          Record the payment for {w.engagementTitle}
        </Link>
      </p>
    </li>
  );
}

function ListItem({ item }: { item: Item }) {
  return item.kind === "payment" ? <PaymentItem p={item.payment} /> : <UnpaidWorkItem w={item.work} />;
}

const itemKey = (item: Item) => (item.kind === "payment" ? item.payment.id : `work-${item.work.engagementId}`);

/** "2 payments and 1 completed engagement with no payment recorded". */
function overdueWords(counts: { payments: number; unpaidWork: number }) {
  const parts = [
    counts.payments > 0 ? (counts.payments === 1 ? "1 payment" : `${counts.payments} payments`) : null,
    counts.unpaidWork > 0
      ? counts.unpaidWork === 1
        ? "1 completed engagement with no payment recorded"
        : `${counts.unpaidWork} completed engagements with no payment recorded`
      : null,
  ].filter(Boolean);
  return parts.join(" and ");
}

export default function Payments() {
  const { filters, overdue, overdueCounts, items, count, page, pageCount, firstShown } = useLoaderData<typeof loader>();
  const overdueCount = overdueCounts.total;
  const overdueOnly = filters.overdue === "1";
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
        and mark them paid. Payments a consultant needs now come first.
      </p>

      <section aria-labelledby="overdue-heading" className="mt-6">
        <h2 id="overdue-heading" className="text-lg font-semibold">
          Overdue
        </h2>
        {overdueCount === 0 ? (
          <p className="card mt-2">Nothing is overdue. Thank you for paying on time.</p>
        ) : overdueOnly ? (
          <p className="card mt-2">
            Overdue: {overdueWords(overdueCounts)}. The list below shows only them.{" "}
            <Link to="/payments" className="link">
              Show every payment
            </Link>
          </p>
        ) : (
          <>
            <ul className="mt-2 grid gap-3 md:grid-cols-2">
              {overdue.map((item) => (
                <ListItem key={itemKey(item)} item={item} />
              ))}
            </ul>
            {overdueCount > overdue.length ? (
              <p className="mt-3">
                {overdueCount - overdue.length} more overdue:{" "}
                <Link to={listHref({ overdue: "1" })} className="link">
                  show all
                </Link>
              </p>
            ) : null}
          </>
        )}
      </section>

      <section aria-labelledby="all-heading" className="mt-8">
        <h2 id="all-heading" className="text-lg font-semibold">
          {overdueOnly ? "Everything overdue" : "All payments"}
        </h2>
        <FilterForm label="Filter payments" spacing="mt-2">
          <SelectField
            look="compact"
            field={{ id: "year", name: "year", initialValue: filters.year }}
            label="Year"
            placeholder="Any year"
            options={optionsFrom([thisYear + 1, thisYear, thisYear - 1, thisYear - 2])}
          />
          <SelectField
            look="compact"
            field={{ id: "status", name: "status", initialValue: filters.status }}
            label="Status"
            placeholder="Any status"
            options={optionsFrom(PAYMENT_STATUSES, (s) => PAYMENT_STATUS_LABELS[s])}
          />
          {overdueOnly ? <input type="hidden" name="overdue" value="1" /> : null}
        </FilterForm>
        {items.length === 0 ? (
          <p className="card mt-3">
            No payments {filters.year || filters.status || overdueOnly ? "match these filters" : "yet"}.
          </p>
        ) : (
          <>
            <p className="mt-3 text-slate-700" role="status">
              {overdueOnly ? `${count} overdue` : count === 1 ? "1 payment" : `${count} payments`}
              {pageCount > 1 ? `, ${firstShown} to ${firstShown + items.length - 1} on this page` : ""}.
            </p>
            <ul className="mt-2 grid gap-3 md:grid-cols-2">
              {items.map((item) => (
                <ListItem key={itemKey(item)} item={item} />
              ))}
            </ul>
          </>
        )}
        <Pager label="Pages of payments" page={page} pageCount={pageCount} hrefFor={(n) => listHref(filters, n)} />
      </section>
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
