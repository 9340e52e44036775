// The funder and board report: what the organization did with survivor consultants in a period,
// for people outside it. Read-only, scoped to one organization (and, when chosen, one program).
//
// Consultants are counted, never named, unless their own consent says otherwise. What they told
// us is theirs: "you said, we did" items come only from consultants who agreed that their
// feedback may be used in reports, and never with their names.
import { and, desc, eq, gte, inArray, lte } from "drizzle-orm";
import type { TFunction } from "i18next";
import { consultants, programInputs, programs } from "../../db/schema";
import { db } from "../utils/db.server";
import { DEFAULT_LANGUAGE, type Language } from "../i18n/config";
import { translateMessage } from "../i18n/message";
import { translator } from "../i18n/translate.server";
import { LEVEL_LABELS, STAGE_LABELS } from "../utils/engagement-options";
import { HELD_BACK_NOTE, type ReportTable } from "../utils/engagement-report-options";
import { INPUT_STATUS_LABELS } from "../utils/program-input-options";
import { quartersOf, quarterWords, type Period } from "../utils/period";
import { consentMatrix } from "./consent/matrix.server";
import { organizationToday } from "./settings.server";
import type { ConsentCell } from "./consent/shared.server";
import { openConsultantFields, sealedConsultantColumns } from "./consultant-fields.server";
import { engagedConsultantIds, engagementMixYearOnYear, payTimeliness, type MixRow } from "./engagement-stats.server";
import { experienceByQuarter } from "./feedback/quarterly-scores.server";
import { readinessProgress } from "./dashboard.server";

/** The default consent purposes the report depends on (DEFAULT_CONSENT_PURPOSES' system keys). */
export const NAME_PURPOSE_KEY = "name";
export const FEEDBACK_REPORTS_PURPOSE_KEY = "feedback_reports";

/**
 * Each consultant's consent for one purpose as it stands today, keyed by consultant. Uses the
 * consent page's own reading (latest event per consultant × purpose, a grant past its end date
 * read as expired), so the report and the consent page can never disagree. An archived purpose
 * gives nobody a current yes.
 */
function consentToday(organizationId: string, systemKey: string, today: string) {
  const { purposes, rows } = consentMatrix(organizationId, {}, today);
  const purpose = purposes.find((p) => p.systemKey === systemKey);
  const cells = new Map<string, { preferredName: string; cell: ConsentCell }>();
  if (!purpose) return cells;
  for (const row of rows) {
    const cell = row.cells[purpose.id];
    if (cell) cells.set(row.consultant.id, { preferredName: row.consultant.preferredName, cell });
  }
  return cells;
}

/**
 * Who may be named in the report: consultants whose "Use my name" consent is a current yes with a
 * name choice that allows a name. "anonymous" is a yes to appearing with no name, so it names
 * nobody.
 *
 * Which name: the consent records only the kind of name, not the name itself. The portal asks
 * "Which name may we use?" with "My real name" or "A name I choose", and the consultant's
 * preferred name is the name they chose to be called everywhere in the product, so both
 * choices show the preferred name. The legal name is never shown: it exists for tax forms only.
 *
 * A yes with limits written on it ("only on our website", say) may not cover a report. Those
 * consultants are left off the list and only counted, for staff to check before naming them.
 */
export function consultantsWhoMayBeNamed(
  organizationId: string,
  consultantIds: string[],
  today = organizationToday(organizationId),
) {
  const wanted = new Set(consultantIds);
  const named: { preferredName: string }[] = [];
  let withLimits = 0;
  for (const [id, { preferredName, cell }] of consentToday(organizationId, NAME_PURPOSE_KEY, today)) {
    if (!wanted.has(id) || cell.state !== "granted") continue;
    if (cell.nameChoice !== "real_name" && cell.nameChoice !== "chosen_name") continue;
    if (cell.scopeNotes?.trim()) withLimits += 1;
    else named.push({ preferredName });
  }
  named.sort((a, b) => a.preferredName.localeCompare(b.preferredName));
  return { named, withLimits };
}

/** Consultants whose "Use my feedback in reports" consent is a current yes: whose input may be quoted. */
export function consultantsWhoseInputMayBeQuoted(organizationId: string, today = organizationToday(organizationId)) {
  const allowed = new Set<string>();
  for (const [id, { cell }] of consentToday(organizationId, FEEDBACK_REPORTS_PURPOSE_KEY, today)) {
    if (cell.state === "granted") allowed.add(id);
  }
  return allowed;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Staff write summaries in their own words and may have typed the consultant's name: a report
 * quote never carries it. Only whole names are caught; the input form asks for no names.
 */
function withoutNames(text: string, names: (string | null)[]) {
  return names
    .filter((n): n is string => Boolean(n && n.trim().length >= 2))
    .reduce((out, name) => out.replace(new RegExp(escapeRegExp(name.trim()), "gi"), "the consultant"), text);
}

/**
 * "You said, we did": input adopted or partly adopted and reported back to the consultant within
 * the period, from consultants who agreed to reports. No consultant, engagement or id comes out.
 * `leftOut` counts the items of the period held back because that agreement is missing.
 */
export function youSaidWeDidHighlights(
  organizationId: string,
  period: Period,
  today = organizationToday(organizationId),
) {
  const rows = db
    .select({
      consultantId: programInputs.consultantId,
      programName: programs.name,
      stage: programInputs.stage,
      decision: programInputs.decision,
      summary: programInputs.summary,
      response: programInputs.response,
      reportedBackOn: programInputs.reportedBackOn,
      preferredName: consultants.preferredName,
      ...sealedConsultantColumns("legalName"),
    })
    .from(programInputs)
    .innerJoin(programs, and(eq(programs.id, programInputs.programId), eq(programs.organizationId, organizationId)))
    .innerJoin(
      consultants,
      and(eq(consultants.id, programInputs.consultantId), eq(consultants.organizationId, organizationId)),
    )
    .where(
      and(
        eq(programInputs.organizationId, organizationId),
        period.programId ? eq(programInputs.programId, period.programId) : undefined,
        eq(programInputs.status, "reported_back"),
        inArray(programInputs.decision, ["adopted", "partly_adopted"]),
        gte(programInputs.reportedBackOn, period.from),
        lte(programInputs.reportedBackOn, period.to),
      ),
    )
    .orderBy(desc(programInputs.reportedBackOn), programs.name)
    .all();
  const allowed = consultantsWhoseInputMayBeQuoted(organizationId, today);
  // Anonymous items never reach here (no consultant to join), nor could their consent be known.
  const quoted = rows.filter(
    (r): r is typeof r & { consultantId: string } => r.consultantId !== null && allowed.has(r.consultantId),
  );
  return {
    items: quoted.map((r) => {
      // The legal name is sealed at rest: only the opened name can be found in the text.
      const { legalName } = openConsultantFields(
        { legalName: r.legalName },
        { organizationId, consultantId: r.consultantId },
      );
      const names = [r.preferredName, legalName];
      return {
        programName: r.programName,
        stage: r.stage,
        decision: r.decision as "adopted" | "partly_adopted",
        summary: withoutNames(r.summary, names),
        response: withoutNames(r.response ?? "", names),
        reportedBackOn: r.reportedBackOn!,
      };
    }),
    leftOut: rows.length - quoted.length,
  };
}
export type Highlight = ReturnType<typeof youSaidWeDidHighlights>["items"][number];

/** The average experience score for each quarter the period touches (held back where too few answered). */
export function feedbackScoresForPeriod(organizationId: string, period: Period) {
  return experienceByQuarter(organizationId, { programId: period.programId, quarters: quartersOf(period) });
}

/**
 * Everything the report shows, for one period (program already checked to be the
 * organization's). `includeNames` adds the list of consultants who agreed to be named.
 */
export function engagementReport(args: {
  organizationId: string;
  period: Period;
  today?: string;
  includeNames?: boolean;
  /** The reader's: the readiness areas are named in the template's words in it. */
  language?: Language;
}) {
  const { organizationId, period } = args;
  const today = args.today ?? organizationToday(organizationId);
  const mix = engagementMixYearOnYear(organizationId, period);
  return {
    mix,
    timeliness: payTimeliness(organizationId, period, today),
    feedback: feedbackScoresForPeriod(organizationId, period),
    highlights: youSaidWeDidHighlights(organizationId, period, today),
    // The self-assessment is of the whole organization: the program filter does not apply.
    readiness: readinessProgress(organizationId, period, args.language),
    named: args.includeNames
      ? consultantsWhoMayBeNamed(organizationId, engagedConsultantIds(organizationId, period), today)
      : null,
  };
}
export type EngagementReport = ReturnType<typeof engagementReport>;

// --- The tables as spreadsheets ------------------------------------------------------------
// Headers and word cells in the language of the person downloading; figures stay plain numbers.

type CsvTable = { header: string[]; rows: (string | number | null)[][] };
type Words = TFunction<"staff">;

// Plain numbers a spreadsheet can add up: dollars and hours with two decimals, shares in percent.
const dollars = (cents: number) => (cents / 100).toFixed(2);
const hours = (hundredths: number) => (hundredths / 100).toFixed(2);
const percent = (share: number | null) => (share === null ? "" : Math.round(share * 100));

function mixCsv(
  what: "stage" | "level",
  organizationId: string,
  period: Period,
  t: Words,
  words: (label: string) => string,
): CsvTable {
  const { current, previous } = engagementMixYearOnYear(organizationId, period);
  const rows =
    what === "stage"
      ? current.byStage.map((row, i) => [words(STAGE_LABELS[row.stage]), row, previous.byStage[i]!] as const)
      : current.byLevel.map((row, i) => [words(LEVEL_LABELS[row.level]), row, previous.byLevel[i]!] as const);
  const line = (name: string, a: MixRow, b: MixRow) => [
    name,
    a.engagements,
    b.engagements,
    hours(a.hundredths),
    hours(b.hundredths),
    dollars(a.feeCents),
    dollars(b.feeCents),
    dollars(a.expensesCents),
  ];
  return {
    header: [
      what === "stage" ? t("reports.csv.stage") : t("reports.csv.level"),
      t("reports.csv.engagements"),
      t("reports.csv.engagementsBefore"),
      t("reports.csv.hours"),
      t("reports.csv.hoursBefore"),
      t("reports.csv.fees"),
      t("reports.csv.feesBefore"),
      t("reports.csv.expenses"),
    ],
    rows: [
      ...rows.map(([name, now, before]) => line(name, now, before)),
      line(t("reports.csv.total"), current.total, previous.total),
    ],
  };
}

/**
 * The figures of one of the report's tables, as header and rows for toCsv, with its words in
 * `language` (the reader's). Never a consultant's name.
 */
export function engagementReportCsv(
  organizationId: string,
  period: Period,
  table: ReportTable,
  today = organizationToday(organizationId),
  language: Language = DEFAULT_LANGUAGE,
): CsvTable {
  const t = translator(language, "staff");
  const common = translator(language, "common");
  // Labels from the option maps: catalog keys (or plain words, shown as they are).
  const words = (label: string) => translateMessage(common, label);
  switch (table) {
    case "stages":
      return mixCsv("stage", organizationId, period, t, words);
    case "levels":
      return mixCsv("level", organizationId, period, t, words);
    case "timeliness": {
      const p = payTimeliness(organizationId, period, today);
      return {
        header: [t("reports.csv.measure"), t("reports.csv.value")],
        rows: [
          [t("reports.csv.timeliness.paid"), p.paidCount],
          [t("reports.csv.timeliness.medianDays"), p.medianDaysToPay],
          [t("reports.csv.timeliness.onTime"), p.paidOnTime],
          [t("reports.csv.timeliness.onTimeShare"), percent(p.onTimeRate)],
          [t("reports.csv.timeliness.overdue"), p.overdueCount],
          [t("reports.csv.timeliness.unpaidWork"), p.unpaidWorkCount],
          [t("reports.csv.timeliness.overdueFees"), dollars(p.overdueFeeCents)],
        ],
      };
    }
    case "feedback": {
      return {
        header: [
          t("reports.csv.quarter"),
          t("reports.csv.answers"),
          t("reports.csv.averageScore"),
          t("reports.csv.note"),
        ],
        rows: feedbackScoresForPeriod(organizationId, period).map((q) => [
          quarterWords(q.quarter, common),
          q.answers,
          q.average === null ? "" : q.average.toFixed(1),
          q.heldBack ? words(HELD_BACK_NOTE) : "",
        ]),
      };
    }
    case "highlights":
      return {
        header: [
          t("reports.csv.program"),
          t("reports.csv.stage"),
          t("reports.csv.decision"),
          t("reports.csv.reportedBackOn"),
          t("reports.csv.summary"),
          t("reports.csv.response"),
        ],
        rows: youSaidWeDidHighlights(organizationId, period, today).items.map((h) => [
          h.programName,
          h.stage ? words(STAGE_LABELS[h.stage]) : "",
          words(INPUT_STATUS_LABELS[h.decision]),
          h.reportedBackOn,
          h.summary,
          h.response,
        ]),
      };
    case "readiness": {
      const latest = readinessProgress(organizationId, period, language).latest;
      return {
        header: [
          t("reports.csv.domain"),
          t("reports.csv.score"),
          t("reports.csv.previousScore"),
          t("reports.csv.change"),
        ],
        rows: (latest?.domains ?? []).map((d) => [
          d.title,
          d.percent,
          d.previousPercent,
          t(`reports.csv.changes.${CHANGE_KEYS[d.change]}`),
        ]),
      };
    }
  }
}

const CHANGE_KEYS = {
  up: "up",
  down: "down",
  unchanged: "unchanged",
  "not comparable": "notComparable",
} as const;
