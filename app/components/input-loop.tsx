// "You said, we did" on staff pages: how a list of items closes the loop, one item as a card, and
// where an item came from (written down by staff, or sent by a consultant in the portal, with their
// name only when they gave it). Staff pages only (the "staff" catalog).
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SafeTrans } from "~/i18n/safe-trans";
import { useMessage } from "~/i18n/use-message";
import type { ProgramInputSummary } from "~/models/program-input/staff-views.server";
import { STAGE_LABELS } from "~/utils/engagement-options";
import { receivedQuarter } from "~/utils/idea-options";
import {
  ERASED_IDEA_SUMMARY,
  INPUT_STATUS_LABELS,
  OPEN_TOO_LONG_DAYS,
  type InputStatus,
} from "~/utils/program-input-options";
import { useFormat } from "~/utils/use-format";

type Figures = Pick<
  ProgramInputSummary,
  "total" | "reportedBack" | "closureRate" | "medianDaysToReportBack" | "openTooLong" | "untimed"
>;
type Item = ProgramInputSummary["items"][number];

/** 12, or 12.5 for an even count whose two middle values differ by an odd number. */
const medianFigure = (median: number) => (Number.isInteger(median) ? median : Number(median.toFixed(1)));

export function ClosingTheLoop({ figures, none }: { figures: Figures; none: string }) {
  const { t } = useTranslation("staff");
  const fmt = useFormat();
  const { total, reportedBack, closureRate, medianDaysToReportBack, openTooLong, untimed } = figures;
  return (
    <section aria-labelledby="closing-heading" className="card mt-4 break-inside-avoid">
      <h2 id="closing-heading" className="text-lg font-semibold">
        {t("programInputs.list.closingHeading")}
      </h2>
      {total === 0 ? (
        <p className="mt-2">{none}</p>
      ) : (
        <ul className="mt-2 list-disc space-y-1 pl-5">
          <li>
            {t("programInputs.list.reportedBack", {
              count: total,
              reported: reportedBack,
              percent: Math.round(closureRate! * 100),
            })}
          </li>
          <li>
            {medianDaysToReportBack === null
              ? t("programInputs.list.noMedian")
              : t("programInputs.list.median", {
                  count: medianFigure(medianDaysToReportBack),
                  days: fmt.number(medianFigure(medianDaysToReportBack)),
                })}
          </li>
          <li>
            {openTooLong === 0
              ? t("programInputs.list.noneOpenTooLong", { days: OPEN_TOO_LONG_DAYS })
              : t("programInputs.list.openTooLong", { count: openTooLong, days: OPEN_TOO_LONG_DAYS })}
          </li>
          {untimed > 0 ? <li>{t("programInputs.list.untimed", { count: untimed })}</li> : null}
        </ul>
      )}
    </section>
  );
}

/** Items grouped by state, in the order an item moves through them. */
export function ItemsByStatus({ items, level = 2 }: { items: readonly Item[]; level?: 2 | 3 }) {
  const words = useMessage();
  const Heading = `h${level}` as "h2" | "h3";
  const groups = (Object.keys(INPUT_STATUS_LABELS) as InputStatus[])
    .map((status) => ({ status, items: items.filter((i) => i.status === status) }))
    .filter((g) => g.items.length > 0);
  return (
    <>
      {groups.map((group) => (
        <section key={group.status} aria-labelledby={`group-${group.status}`} className="mt-6">
          <Heading id={`group-${group.status}`} className="text-lg font-semibold">
            {words(INPUT_STATUS_LABELS[group.status])} ({group.items.length})
          </Heading>
          <ul className="mt-2 grid gap-3 md:grid-cols-2 print:block">
            {group.items.map((item) => (
              <InputItemCard key={item.id} item={item} />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

/**
 * Where an item came from, in one line. Staff-written input names its consultant and stage; an idea
 * sent in the portal says so, with the sender's name only when they gave it, and for an anonymous one
 * only the quarter it came in (the only time it keeps).
 */
export function SourceLine({
  item,
}: {
  item: Pick<Item, "source" | "kind" | "anonymous" | "consultantName" | "stage" | "receivedOn"> & {
    engagementTitle?: string | null;
  };
}) {
  const { t } = useTranslation("staff");
  const words = useMessage();
  const fmt = useFormat();
  const day = fmt.calendarDay(item.receivedOn);
  if (item.source === "portal") {
    const kind = item.kind === "concern" ? "concern" : "idea";
    return item.anonymous
      ? t(`ideas.from.${kind}Anonymous`, { quarter: receivedQuarter(item.receivedOn) })
      : t(`ideas.from.${kind}Named`, { name: item.consultantName, day });
  }
  const from = { name: item.consultantName, stage: item.stage ? words(STAGE_LABELS[item.stage]) : "", day };
  return item.engagementTitle
    ? t("programInputs.list.fromDuring", { ...from, engagement: item.engagementTitle })
    : t("programInputs.list.from", from);
}

/** What an item says; the idea of a consultant erased at their request says only that its words went. */
export function ItemWords({ summary }: { summary: string }) {
  const { t } = useTranslation("staff");
  return <>{summary === ERASED_IDEA_SUMMARY ? t("ideas.staff.erasedSummary") : summary}</>;
}

export function InputItemCard({ item }: { item: Item }) {
  const { t } = useTranslation("staff");
  const words = useMessage();
  const fmt = useFormat();
  return (
    <li className={`card break-inside-avoid print:mb-3 ${item.openTooLong ? "border-2 border-amber-700" : ""}`}>
      {item.openTooLong ? (
        <p className="mb-2">
          <strong className="inline-flex items-center gap-1 rounded border border-amber-700 bg-amber-50 px-1.5 py-0.5 text-sm text-amber-950">
            <span aria-hidden="true">⚠</span>
            {t("programInputs.openFor", { count: item.daysOpen! })}
          </strong>
        </p>
      ) : null}
      <p className="font-medium">
        <Link to={`/program-inputs/${item.id}`} className="link">
          <ItemWords summary={item.summary} />
        </Link>
      </p>
      <p className="mt-1 text-sm text-slate-700">
        <SourceLine item={item} />
      </p>
      <p className="mt-1 text-sm">
        <span className="font-medium">{t("programInputs.stateLabel")}</span> {words(INPUT_STATUS_LABELS[item.status])}
        {item.status === "reported_back" && item.decision ? ` (${words(INPUT_STATUS_LABELS[item.decision])})` : ""}
        {!item.openTooLong && item.daysOpen !== null
          ? ` · ${t("programInputs.list.openForLower", { count: item.daysOpen })}`
          : ""}
      </p>
      {item.response ? (
        <p className="mt-2 whitespace-pre-line">
          <span className="font-medium">
            {item.decision === "not_adopted" ? t("programInputs.list.whyNot") : t("programInputs.list.whatWeDid")}
          </span>{" "}
          {item.response}
        </p>
      ) : null}
      {item.reportedBackOn ? (
        <p className="mt-2 text-sm">
          {item.daysToReportBack === null
            ? t("programInputs.list.reportedBackOnNoCount", {
                day: fmt.calendarDay(item.reportedBackOn),
                how: item.reportedBackHow,
              })
            : t("programInputs.list.reportedBackOn", {
                day: fmt.calendarDay(item.reportedBackOn),
                how: item.reportedBackHow,
                count: item.daysToReportBack,
              })}
        </p>
      ) : null}
    </li>
  );
}

/** The page's "print me" line, the same on every loop page. */
export function PrintHint() {
  const { t } = useTranslation("staff");
  return (
    <p className="mt-2 text-sm print:hidden">
      <SafeTrans t={t} i18nKey="programInputs.list.print" components={{ strong: <strong /> }} />
    </p>
  );
}
