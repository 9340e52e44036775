// The portal's "you said, we did" list: plain sentences, an empty state that says what happens,
// the response only once there is one, and headings in order for screen readers.
import { renderIn } from "../support/render";
import { describe, expect, it } from "vitest";
import { MyInputItems } from "../../app/components/my-input-items";
import type { OwnInputItem } from "../../app/models/program-input/own-items.server";
import { portalStatusWords } from "../../app/utils/program-input-options";

const base: OwnInputItem = {
  id: "a",
  summary: "Make the sessions shorter.",
  programName: "Youth Outreach Curriculum",
  stage: "delivery",
  receivedOn: "2026-02-10",
  status: "received",
  statusWords: "We have your input. We will look at it soon.",
  decision: null,
  response: null,
  decidedOn: null,
  reportedBackOn: null,
  reportedBackHow: null,
};

/** The visible words, without tags. */
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

describe("MyInputItems", () => {
  it("says what will happen when there is nothing yet", () => {
    const html = renderIn(<MyInputItems items={[]} />);
    expect(text(html)).toContain("Nothing here yet.");
    expect(text(html)).toContain("Then you can see here what we did with it.");
    expect(html).not.toContain("<ul");
  });

  it("tells the whole loop in plain sentences", () => {
    const html = renderIn(
      <MyInputItems
        items={[
          {
            ...base,
            status: "reported_back",
            statusWords: "We used your input. We told you about it.",
            decision: "adopted",
            response: "We made each session 45 minutes.",
            decidedOn: "2026-02-20",
            reportedBackOn: "2026-03-03",
            reportedBackHow: "at the advisory meeting",
          },
          { ...base, id: "b", status: "not_adopted", decision: "not_adopted", response: "The funder needs 90." },
          base,
        ]}
      />,
    );
    const words = text(html);
    expect(words).toContain("You said: Make the sessions shorter.");
    expect(words).toContain("We did: We made each session 45 minutes.");
    expect(words).toContain("We told you on 3 March 2026 at the advisory meeting.");
    expect(words).toContain("Why not: The funder needs 90.");
    expect(words).toContain("You told us on 10 February 2026.");
    // Only the item with a response shows one; the received item has no "We did".
    expect(words.match(/We did:/g)).toHaveLength(1);
    // The heading levels follow each other: h2 for the list, h3 for each item.
    expect(html).toContain('<h2 id="my-input-heading"');
    expect(html.match(/<h3/g)).toHaveLength(3);
  });

  it("speaks Spanish to a Spanish reader: the state from its key, the days the Spanish way", () => {
    const html = renderIn(
      <MyInputItems
        items={[
          {
            ...base,
            status: "reported_back",
            statusWords: portalStatusWords("reported_back", "adopted"),
            decision: "adopted",
            response: "We made each session 45 minutes.",
            decidedOn: "2026-02-20",
            reportedBackOn: "2026-03-03",
            reportedBackHow: "at the advisory meeting",
          },
        ]}
      />,
      "es",
    );
    const words = text(html);
    expect(words).toContain("Usted dijo, nosotros hicimos");
    expect(words).toContain("Nos lo dijo el 10 de febrero de 2026.");
    expect(words).toContain("Usamos su idea. Se lo contamos.");
    expect(words).toContain("Lo que hicimos: We made each session 45 minutes.");
    expect(words).toContain("Se lo contamos el 3 de marzo de 2026 at the advisory meeting.");
    expect(html).toContain('aria-label="Sus ideas"');
  });

  it("can sit under a page's h2", () => {
    const html = renderIn(<MyInputItems items={[base]} headingLevel={3} />);
    expect(html).toContain('<h3 id="my-input-heading"');
    expect(html).toContain("<h4");
  });
});
