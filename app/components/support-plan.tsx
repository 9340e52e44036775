import { useTranslation } from "react-i18next";
import type { SupportKind, SupportStatus } from "../../db/schema";
import { useMessage } from "~/i18n/use-message";
import { SUPPORT_KIND_LABELS, SUPPORT_STATUS_LABELS } from "~/utils/support-options";

/** An item of a support plan as the pages show it; `details` only where the reader may see them. */
export type PlanItemView = {
  kind: SupportKind;
  language: string | null;
  status: SupportStatus;
  arrangement: string | null;
  declineReason: string | null;
  details?: string | null;
};

// The status as a word beside the colour, never the colour alone.
const STATUS_LOOK: Record<SupportStatus, string> = {
  requested: "border-amber-700 bg-amber-50 text-amber-900",
  arranged: "border-green-700 bg-green-50 text-green-900",
  declined: "border-slate-500 bg-slate-100 text-slate-900",
};

export function SupportStatusBadge({ status }: { status: SupportStatus }) {
  const words = useMessage();
  return (
    <span className={`inline-block rounded border px-2 py-0.5 text-sm font-semibold ${STATUS_LOOK[status]}`}>
      {words(SUPPORT_STATUS_LABELS[status])}
    </span>
  );
}

/** One item's facts: its language, what is arranged or why not, and the person's own words when shown. */
export function SupportItemFacts({ item, detailsLabel }: { item: PlanItemView; detailsLabel?: string }) {
  const { t } = useTranslation("common");
  return (
    <dl className="mt-1 space-y-1">
      {item.language ? (
        <div>
          <dt className="inline font-medium">{t("supportPlan.language")}: </dt>
          <dd className="inline">{item.language}</dd>
        </div>
      ) : null}
      {item.details && detailsLabel ? (
        <div>
          <dt className="font-medium">{detailsLabel}</dt>
          <dd className="whitespace-pre-wrap break-words">{item.details}</dd>
        </div>
      ) : null}
      {item.status === "arranged" && item.arrangement ? (
        <div>
          <dt className="font-medium">{t("supportPlan.arrangement")}</dt>
          <dd className="whitespace-pre-wrap break-words">{item.arrangement}</dd>
        </div>
      ) : null}
      {item.status === "declined" && item.declineReason ? (
        <div>
          <dt className="font-medium">{t("supportPlan.declineReason")}</dt>
          <dd className="whitespace-pre-wrap break-words">{item.declineReason}</dd>
        </div>
      ) : null}
    </dl>
  );
}

/** The plan as a list, each item with its kind, its status in words, and its facts. */
export function SupportPlanList({
  items,
  detailsLabel,
  headingLevel = 3,
}: {
  items: PlanItemView[];
  detailsLabel?: string;
  headingLevel?: 3 | 4;
}) {
  const { t } = useTranslation("common");
  const words = useMessage();
  const Heading = `h${headingLevel}` as const;
  if (items.length === 0) return <p className="mt-2">{t("supportPlan.none")}</p>;
  return (
    <ul className="mt-2 divide-y divide-slate-200">
      {items.map((item) => (
        <li key={item.kind} className="py-2">
          <Heading className="flex flex-wrap items-center gap-2 font-semibold">
            {words(SUPPORT_KIND_LABELS[item.kind])} <SupportStatusBadge status={item.status} />
          </Heading>
          <SupportItemFacts item={item} detailsLabel={detailsLabel} />
        </li>
      ))}
    </ul>
  );
}

/** The plan kept with an answer to the terms, inside its "as read" disclosure; nothing for older answers. */
export function SupportPlanAsRead({ plan }: { plan: PlanItemView[] | null | undefined }) {
  const { t } = useTranslation("common");
  const words = useMessage();
  if (!plan) return null;
  return (
    <div>
      <dt className="font-medium">{t("supportPlan.asAgreed")}</dt>
      <dd>
        {plan.length === 0 ? (
          t("supportPlan.asAgreedNone")
        ) : (
          <ul className="list-disc pl-5">
            {plan.map((item) => (
              <li key={item.kind}>
                {words(SUPPORT_KIND_LABELS[item.kind])}: {words(SUPPORT_STATUS_LABELS[item.status])}
                {item.language ? ` (${item.language})` : ""}
                {item.status === "arranged" && item.arrangement ? (
                  <span className="block whitespace-pre-wrap break-words">{item.arrangement}</span>
                ) : null}
                {item.status === "declined" && item.declineReason ? (
                  <span className="block whitespace-pre-wrap break-words">{item.declineReason}</span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </dd>
    </div>
  );
}
