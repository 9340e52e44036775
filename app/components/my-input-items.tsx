/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
// "You said, we did" in the portal: the consultant's own input items and what the organization
// did with them. Renders what listOwnInputItems (app/models/program-input/own-items.server.ts) returns.
// Words aim at reading grade 7; every state has a word as well as a symbol, never colour alone.
import type { OwnInputItem } from "~/models/program-input/own-items.server";
import { formatLongDay } from "~/utils/program-input-options";

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
  const Heading = `h${headingLevel}` as "h2" | "h3";
  const ItemHeading = `h${headingLevel + 1}` as "h3" | "h4";
  return (
    <section aria-labelledby="my-input-heading" className="mt-6">
      <Heading id="my-input-heading" className="text-lg font-semibold">
        You said, we did
      </Heading>
      <p className="mt-1">Ideas you gave us, and what we did with them.</p>
      {items.length === 0 ? (
        <div className="card mt-3">
          <p>Nothing here yet.</p>
          <p className="mt-1">When you share an idea about our work, we write it down.</p>
          <p className="mt-1">Then you can see here what we did with it.</p>
        </div>
      ) : (
        <ul className="mt-3 space-y-3" aria-label="Your ideas">
          {items.map((item) => (
            <li key={item.id} className="card break-words">
              <ItemHeading className="font-semibold">{item.programName}</ItemHeading>
              <p className="mt-1 text-sm text-slate-700">You told us on {formatLongDay(item.receivedOn)}.</p>
              <p className="mt-2 whitespace-pre-line">
                <span className="font-semibold">You said: </span>
                {item.summary}
              </p>
              <p className="mt-2">
                <span aria-hidden="true" className="mr-1 font-bold">
                  {SYMBOL[item.status]}
                </span>
                {item.statusWords}
              </p>
              {item.response ? (
                <p className="mt-2 whitespace-pre-line">
                  <span className="font-semibold">{item.decision === "not_adopted" ? "Why not: " : "We did: "}</span>
                  {item.response}
                </p>
              ) : null}
              {item.reportedBackOn ? (
                <p className="mt-2">
                  We told you on {formatLongDay(item.reportedBackOn)}
                  {item.reportedBackHow ? ` ${item.reportedBackHow}` : ""}.
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
