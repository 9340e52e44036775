// "You said, we did" in the portal: the consultant's own input items and what the organization
// did with them. Renders what listOwnInputItems (app/models/program-input/own-items.server.ts) returns.
// Words aim at reading grade 7; every state has a word as well as a symbol, never colour alone.
import { useTranslation } from "react-i18next";
import { useMessage } from "~/i18n/use-message";
import type { OwnInputItem } from "~/models/program-input/own-items.server";
import { formatLongDay } from "~/utils/long-day";

type Props = {
  items: readonly OwnInputItem[];
  /** The heading's level on the page that places this list (default 2). */
  headingLevel?: 2 | 3;
};

const SYMBOL: Record<OwnInputItem["status"], string> = {
  received: "•",
  under_review: "…",
  adopted: "✓",
  partly_adopted: "◐",
  not_adopted: "✕",
  reported_back: "✓",
};

export function MyInputItems({ items, headingLevel = 2 }: Props) {
  const { t, i18n } = useTranslation();
  const words = useMessage();
  const longDay = (day: string) => formatLongDay(day, i18n.language);
  const Heading = `h${headingLevel}` as "h2" | "h3";
  const ItemHeading = `h${headingLevel + 1}` as "h3" | "h4";
  return (
    <section aria-labelledby="my-input-heading" className="mt-6">
      <Heading id="my-input-heading" className="text-lg font-semibold">
        {t("myInputItems.heading")}
      </Heading>
      <p className="mt-1">{t("myInputItems.intro")}</p>
      {items.length === 0 ? (
        <div className="card mt-3">
          <p>{t("myInputItems.empty")}</p>
          <p className="mt-1">{t("myInputItems.emptyShare")}</p>
          <p className="mt-1">{t("myInputItems.emptyThen")}</p>
        </div>
      ) : (
        <ul className="mt-3 space-y-3" aria-label={t("myInputItems.listLabel")}>
          {items.map((item) => (
            <li key={item.id} className="card break-words">
              <ItemHeading className="font-semibold">{item.programName}</ItemHeading>
              <p className="mt-1 text-sm text-slate-700">
                {t("myInputItems.toldUs", { date: longDay(item.receivedOn) })}
              </p>
              <p className="mt-2 whitespace-pre-line">
                <span className="font-semibold">{t("myInputItems.youSaid")} </span>
                {item.summary}
              </p>
              <p className="mt-2">
                <span aria-hidden="true" className="mr-1 font-bold">
                  {SYMBOL[item.status]}
                </span>
                {words(item.statusWords)}
              </p>
              {item.response ? (
                <p className="mt-2 whitespace-pre-line">
                  <span className="font-semibold">
                    {item.decision === "not_adopted" ? t("myInputItems.whyNot") : t("myInputItems.weDid")}{" "}
                  </span>
                  {item.response}
                </p>
              ) : null}
              {item.reportedBackOn ? (
                <p className="mt-2">
                  {item.reportedBackHow
                    ? t("myInputItems.toldYouHow", { date: longDay(item.reportedBackOn), how: item.reportedBackHow })
                    : t("myInputItems.toldYou", { date: longDay(item.reportedBackOn) })}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
