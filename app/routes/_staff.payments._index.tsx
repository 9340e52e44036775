import { withHttpErrors } from "~/utils/http-errors.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { PAYMENT_STATUSES } from "../../db/schema";
import { countOverdue, listOverdue, type OverdueItem } from "~/models/payment/overdue.server";
import { countPayments, listPayments } from "~/models/payment/lists.server";
import { isoDay } from "~/utils/day";
import { requirePermission } from "~/utils/auth/guards.server";
import { useFormat } from "~/utils/use-format";
import { SafeTrans } from "~/i18n/safe-trans";
import { useMessage } from "~/i18n/use-message";
import { NEEDED_NOW_LABEL, PAYMENT_CHOICE_LABELS, PAYMENT_STATUS_LABELS } from "~/utils/payment-options";
import { yearField } from "~/utils/payment-schema";
import { Pager } from "~/components/pager";
import { FilterForm } from "~/components/filter-form";
import { optionsFrom, SelectField } from "~/components/forms";

export const handle = { title: "staff:payments.title" };

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
  const { t } = useTranslation("staff");
  const words = useMessage();
  const details = [
    words(PAYMENT_STATUS_LABELS[p.status]),
    p.consultantChoice ? words(PAYMENT_CHOICE_LABELS[p.consultantChoice]) : null,
    p.paidDate
      ? t("payments.item.paidOn", { day: p.paidDate })
      : p.dueDate
        ? t("payments.item.dueOn", { day: p.dueDate })
        : null,
  ].filter(Boolean);
  return (
    <li className={p.neededNow ? "card border-2 border-red-700" : "card"}>
      {p.neededNow ? (
        <p className="font-semibold text-red-800">{t("payments.item.neededNow", { label: words(NEEDED_NOW_LABEL) })}</p>
      ) : null}
      <p className="font-semibold">
        <Link to={`/payments/${p.id}`} className="link">
          {t("payments.feeTo", { amount: p.feeCents, name: p.consultantName })}
        </Link>
        {p.expensesCents ? (
          <span className="font-normal"> {t("payments.item.plusExpenses", { amount: p.expensesCents })}</span>
        ) : null}
      </p>
      <p className="text-sm">
        {p.engagementTitle} · {p.programName}
      </p>
      <p className="text-sm">
        {details.join(" · ")}
        {p.overdue ? <strong className="ml-2 text-red-800">{t("payments.overdue")}</strong> : null}
      </p>
      {p.daysToPay !== null ? (
        <p className="text-sm text-slate-700">{t("payments.item.paidAfter", { count: p.daysToPay })}</p>
      ) : null}
    </li>
  );
}

/** Completed work owed a fee with nothing recorded: overdue from its due date like a payment. */
function UnpaidWorkItem({ w }: { w: UnpaidWorkRow }) {
  const { t } = useTranslation("staff");
  const fmt = useFormat();
  const details = [
    w.completedAt
      ? t("payments.unpaid.completedOn", { date: fmt.date(w.completedAt) })
      : t("payments.unpaid.completed"),
    w.dueDate ? t("payments.item.dueOn", { day: w.dueDate }) : null,
  ].filter(Boolean);
  return (
    <li className="card">
      <p className="font-semibold">
        {w.owedCents > 0 ? (
          <SafeTrans
            t={t}
            i18nKey="payments.unpaid.noPaymentOwed"
            values={{ name: w.consultantName, amount: w.owedCents }}
            components={{ owed: <span className="font-normal" /> }}
          />
        ) : (
          t("payments.unpaid.noPayment", { name: w.consultantName })
        )}
      </p>
      <p className="text-sm">
        <Link to={`/engagements/${w.engagementId}`} className="link">
          {w.engagementTitle}
        </Link>{" "}
        · {w.programName}
      </p>
      <p className="text-sm">
        {details.join(" · ")}
        <strong className="ml-2 text-red-800">{t("payments.overdue")}</strong>
      </p>
      <p className="mt-1">
        <Link to={`/payments/new?engagement=${w.engagementId}`} className="link">
          {t("payments.unpaid.record", { title: w.engagementTitle })}
        </Link>
      </p>
    </li>
  );
}

function ListItem({ item }: { item: Item }) {
  return item.kind === "payment" ? <PaymentItem p={item.payment} /> : <UnpaidWorkItem w={item.work} />;
}

const itemKey = (item: Item) => (item.kind === "payment" ? item.payment.id : `work-${item.work.engagementId}`);

export default function Payments() {
  const { t } = useTranslation("staff");
  const { filters, overdue, overdueCounts, items, count, page, pageCount, firstShown } = useLoaderData<typeof loader>();
  const overdueCount = overdueCounts.total;
  const overdueOnly = filters.overdue === "1";
  const thisYear = new Date().getUTCFullYear();
  // "2 payments and 1 completed engagement with no payment recorded".
  const overduePayments = t("payments.list.overduePayments", { count: overdueCounts.payments });
  const overdueWork = t("payments.list.overdueWork", { count: overdueCounts.unpaidWork });
  const overdueWords =
    overdueCounts.payments > 0 && overdueCounts.unpaidWork > 0
      ? t("payments.list.overdueBoth", { payments: overduePayments, work: overdueWork })
      : overdueCounts.payments > 0
        ? overduePayments
        : overdueWork;
  const shown = { count, first: firstShown, last: firstShown + items.length - 1 };
  return (
    <>
      <h1 className="page-title">{t("payments.title")}</h1>
      <p className="mt-2">
        <Link to="/payments/tax-year" className="link">
          {t("payments.list.taxYearLink")}
        </Link>
      </p>
      <p className="mt-2 text-slate-700">{t("payments.list.intro")}</p>

      <section aria-labelledby="overdue-heading" className="mt-6">
        <h2 id="overdue-heading" className="text-lg font-semibold">
          {t("payments.overdue")}
        </h2>
        {overdueCount === 0 ? (
          <p className="card mt-2">{t("payments.list.nothingOverdue")}</p>
        ) : overdueOnly ? (
          <p className="card mt-2">
            {t("payments.list.overdueOnly", { what: overdueWords })}{" "}
            <Link to="/payments" className="link">
              {t("payments.list.showEvery")}
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
                <SafeTrans
                  t={t}
                  i18nKey="payments.list.moreOverdue"
                  values={{ count: overdueCount - overdue.length }}
                  components={{ all: <Link to={listHref({ overdue: "1" })} className="link" /> }}
                />
              </p>
            ) : null}
          </>
        )}
      </section>

      <section aria-labelledby="all-heading" className="mt-8">
        <h2 id="all-heading" className="text-lg font-semibold">
          {overdueOnly ? t("payments.list.everythingOverdue") : t("payments.list.all")}
        </h2>
        <FilterForm label={t("payments.list.filter")} spacing="mt-2">
          <SelectField
            look="compact"
            field={{ id: "year", name: "year", initialValue: filters.year }}
            label={t("payments.list.year")}
            placeholder={t("payments.list.anyYear")}
            options={optionsFrom([thisYear + 1, thisYear, thisYear - 1, thisYear - 2])}
          />
          <SelectField
            look="compact"
            field={{ id: "status", name: "status", initialValue: filters.status }}
            label={t("payments.list.status")}
            placeholder={t("payments.list.anyStatus")}
            options={optionsFrom(PAYMENT_STATUSES, (s) => PAYMENT_STATUS_LABELS[s])}
          />
          {overdueOnly ? <input type="hidden" name="overdue" value="1" /> : null}
        </FilterForm>
        {items.length === 0 ? (
          <p className="card mt-3">
            {filters.year || filters.status || overdueOnly ? t("payments.list.noneMatch") : t("payments.list.noneYet")}
          </p>
        ) : (
          <>
            <p className="mt-3 text-slate-700" role="status">
              {overdueOnly
                ? pageCount > 1
                  ? t("payments.list.countOverduePaged", shown)
                  : t("payments.list.countOverdue", shown)
                : pageCount > 1
                  ? t("payments.list.countPaymentsPaged", shown)
                  : t("payments.list.countPayments", shown)}
            </p>
            <ul className="mt-2 grid gap-3 md:grid-cols-2">
              {items.map((item) => (
                <ListItem key={itemKey(item)} item={item} />
              ))}
            </ul>
          </>
        )}
        <Pager
          label={t("payments.list.pages")}
          page={page}
          pageCount={pageCount}
          hrefFor={(n) => listHref(filters, n)}
        />
      </section>
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
