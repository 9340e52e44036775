// A record of experience and the letter that states it, shown alike in the portal (to the consultant)
// and on the admins' page: the same words, in the reader's language, and the same printed page.
import { useTranslation } from "react-i18next";
import type { ExperienceStatement, Stage } from "../../db/schema";
import { useFormat } from "~/utils/use-format";

/** The stages in the words of someone outside the organization (an employer reading the letter). */
const STAGE_WORDS = {
  design: "experience.stage.design",
  delivery: "experience.stage.delivery",
  evaluation: "experience.stage.evaluation",
} as const satisfies Record<Stage, string>;

function useDays() {
  const { t } = useTranslation();
  const f = useFormat();
  return (first: string | null, last: string | null) => {
    if (!first && !last) return t("experience.work.noDates");
    if (!first || !last || first === last) return f.calendarDay((first ?? last)!);
    return t("experience.work.fromTo", { from: f.calendarDay(first), to: f.calendarDay(last) });
  };
}

/** The work, newest first: role, stage, kind, dates, hours, and fees paid when chosen. */
export function ExperienceWorkList({ statement }: { statement: ExperienceStatement }) {
  const { t } = useTranslation();
  const f = useFormat();
  const days = useDays();
  return (
    <ul className="mt-3 divide-y divide-slate-200 border-y border-slate-200">
      {statement.work.map((w, index) => (
        <li key={index} className="break-inside-avoid py-3">
          <p className="font-semibold">{w.role ?? w.activity ?? t(STAGE_WORDS[w.stage])}</p>
          <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
            <dt className="text-slate-700">{t("experience.work.stage")}</dt>
            <dd>{t(STAGE_WORDS[w.stage])}</dd>
            {w.activity ? (
              <>
                <dt className="text-slate-700">{t("experience.work.activity")}</dt>
                <dd>{w.activity}</dd>
              </>
            ) : null}
            <dt className="text-slate-700">{t("experience.work.dates")}</dt>
            <dd>{days(w.firstDay, w.lastDay)}</dd>
            <dt className="text-slate-700">{t("experience.work.hours")}</dt>
            <dd>{w.hundredths > 0 ? f.hours(w.hundredths) : t("experience.work.noHours")}</dd>
            {w.paidCents !== null ? (
              <>
                <dt className="text-slate-700">{t("experience.work.paid")}</dt>
                <dd>{f.money(w.paidCents)}</dd>
              </>
            ) : null}
          </dl>
        </li>
      ))}
    </ul>
  );
}

/** The record in a few sentences: who, for whom (when chosen), how long, in which stages, how much paid. */
export function ExperienceSummary({ statement }: { statement: ExperienceStatement }) {
  const { t } = useTranslation();
  const f = useFormat();
  const days = useDays();
  const stages = (["design", "delivery", "evaluation"] as const).filter((stage) =>
    statement.work.some((w) => w.stage === stage),
  );
  const name = statement.consultantName;
  return (
    <>
      <p className="mt-3">
        {statement.organizationName
          ? t("experience.summary.withOrganization", { name, organization: statement.organizationName })
          : t("experience.summary.withoutOrganization", { name })}
      </p>
      <p className="mt-2">
        {t("experience.summary.span", {
          count: statement.work.length,
          name,
          dates: days(statement.firstDay, statement.lastDay),
          hours: f.hours(statement.totalHundredths),
        })}
      </p>
      <p className="mt-2">
        {t("experience.summary.stages", { stages: stages.map((stage) => t(STAGE_WORDS[stage])).join(", ") })}
      </p>
      {statement.paidCents !== null ? (
        <p className="mt-2">{t("experience.summary.paid", { name, amount: f.money(statement.paidCents) })}</p>
      ) : null}
    </>
  );
}

export type LetterForPrint = {
  status: "issued" | "revoked";
  issuedOn: string;
  signerName: string;
  signerTitle: string;
  revokedAt: string | Date | null;
  statement: ExperienceStatement | null;
};

/**
 * The letter as it was issued, ready to print: what it states, who signed it and when, and how to
 * check it. `code` is the code of this copy, shown only right after it was made.
 */
export function ExperienceLetter({
  letter,
  code,
  verifyAddress,
}: {
  letter: LetterForPrint;
  code: string | null;
  verifyAddress: string;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const statement = letter.statement;
  return (
    <article
      aria-labelledby="letter-heading"
      className="card mt-4 print:mt-0 print:border-0 print:p-0 print:shadow-none"
    >
      {statement?.organizationName ? <p className="text-lg font-semibold">{statement.organizationName}</p> : null}
      <h2 id="letter-heading" className="text-xl font-semibold">
        {t("experience.letter.heading")}
      </h2>
      <p className="mt-1">{t("experience.letter.dated", { day: f.calendarDay(letter.issuedOn) })}</p>
      {letter.status === "revoked" ? (
        <p className="mt-3 rounded-md border border-red-700 bg-red-50 p-3 font-semibold text-red-900">
          {t("experience.letter.revoked", { day: letter.revokedAt ? f.date(letter.revokedAt) : "" })}
        </p>
      ) : null}
      {statement ? (
        <>
          <p className="mt-4">{t("experience.letter.toWhom")}</p>
          <ExperienceSummary statement={statement} />
          <h3 className="mt-4 font-semibold">{t("experience.work.heading")}</h3>
          <ExperienceWorkList statement={statement} />
          <p className="mt-4">{t("experience.letter.closing", { name: statement.consultantName })}</p>
        </>
      ) : (
        <p className="mt-4">{t("experience.letter.erased")}</p>
      )}
      <div className="mt-8 break-inside-avoid">
        <p className="w-64 max-w-full border-b border-slate-700 pb-8" aria-hidden="true" />
        <p className="mt-1 font-semibold">{letter.signerName}</p>
        <p>{letter.signerTitle}</p>
      </div>
      <section
        aria-labelledby="check-heading"
        className="mt-6 break-inside-avoid rounded-md border border-slate-300 p-3"
      >
        <h3 id="check-heading" className="font-semibold">
          {t("experience.letter.checkHeading")}
        </h3>
        {code ? (
          <>
            <p className="mt-1">{t("experience.letter.check", { address: verifyAddress })}</p>
            <p className="mt-2 font-mono text-lg font-semibold tracking-wider" data-testid="letter-code">
              {code}
            </p>
          </>
        ) : (
          <p className="mt-1">{t("experience.letter.noCode")}</p>
        )}
      </section>
    </article>
  );
}
