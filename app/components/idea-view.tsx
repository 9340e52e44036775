// One idea as its sender reads it, on their ideas page and in "My data".
import { useTranslation } from "react-i18next";
import { useMessage } from "~/i18n/use-message";
import type { MyIdea } from "~/models/program-input/consultant-ideas.server";
import { formatLongDay } from "~/utils/long-day";

export type IdeaShown = Pick<
  MyIdea,
  | "kind"
  | "summary"
  | "programName"
  | "receivedOn"
  | "statusWords"
  | "decision"
  | "response"
  | "reportedBackOn"
  | "reportedBackHow"
> & { newAnswer?: boolean; anonymous?: boolean };

/** Beside the words "New answer", never in their place (colour or a symbol alone says nothing). */
const NEW_MARK = "★";

/** One idea as its sender reads it: what they said, where it is, and the answer once there is one. */
export function IdeaView({ idea, headingLevel }: { idea: IdeaShown; headingLevel: 3 }) {
  const { t, i18n } = useTranslation("portal");
  const words = useMessage();
  const Heading = `h${headingLevel}` as const;
  const longDay = (day: string) => formatLongDay(day, i18n.language);
  return (
    <>
      <Heading className="font-semibold">{idea.programName ?? t("ideas.inGeneral")}</Heading>
      {idea.newAnswer ? (
        <p className="mt-1">
          <strong className="inline-flex items-center gap-1 rounded border border-brand-600 bg-brand-50 px-1.5 py-0.5 text-sm">
            <span aria-hidden="true">{NEW_MARK}</span>
            {t("ideas.mine.newAnswer")}
          </strong>
        </p>
      ) : null}
      <p className="mt-1 text-sm text-slate-700">
        {idea.anonymous
          ? idea.kind === "concern"
            ? t("ideas.mine.sentConcernAnonymous")
            : t("ideas.mine.sentIdeaAnonymous")
          : idea.kind === "concern"
            ? t("ideas.mine.sentConcernOn", { date: longDay(idea.receivedOn) })
            : t("ideas.mine.sentIdeaOn", { date: longDay(idea.receivedOn) })}
      </p>
      <p className="mt-2 whitespace-pre-line">
        <span className="font-semibold">{t("ideas.mine.youSaid")} </span>
        {idea.summary}
      </p>
      <p className="mt-2">{words(idea.statusWords)}</p>
      {idea.response ? (
        <p className="mt-2 whitespace-pre-line">
          <span className="font-semibold">
            {idea.decision === "not_adopted" ? t("ideas.mine.whyNot") : t("ideas.mine.weDid")}{" "}
          </span>
          {idea.response}
        </p>
      ) : null}
      {idea.reportedBackOn ? (
        <p className="mt-2">
          {t("ideas.mine.answeredOn", { date: longDay(idea.reportedBackOn), how: idea.reportedBackHow ?? "" })}
        </p>
      ) : null}
    </>
  );
}
