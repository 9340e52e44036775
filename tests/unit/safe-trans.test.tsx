// SafeTrans shows people's own words (a title, a name) exactly as typed inside a translated sentence,
// where plain Trans would read tags in them as markup.
import { describe, expect, it } from "vitest";
import { Trans, useTranslation } from "react-i18next";
import { SafeTrans } from "~/i18n/safe-trans";
import { renderIn } from "../support/render";

const title = "Plan <i>draft</i> </work> & more";

function Sentence({ safe }: { safe: boolean }) {
  const { t } = useTranslation("staff");
  const props = {
    t,
    i18nKey: "payments.page.forWork",
    values: { title, program: "<strong>Youth</strong>" },
    components: { work: <a href="/engagements/1" /> },
  } as const;
  return <p>{safe ? <SafeTrans {...props} /> : <Trans {...props} />}</p>;
}

describe("SafeTrans", () => {
  it("keeps a title's tags as text, inside the sentence's own link, in each language", () => {
    expect(renderIn(<Sentence safe />, "en")).toBe(
      '<p>For <a href="/engagements/1">Plan &lt;i&gt;draft&lt;/i&gt; &lt;/work&gt; &amp; more</a> · &lt;strong&gt;Youth&lt;/strong&gt;</p>',
    );
    expect(renderIn(<Sentence safe />, "es")).toContain(
      'Por <a href="/engagements/1">Plan &lt;i&gt;draft&lt;/i&gt; &lt;/work&gt; &amp; more</a>',
    );
  });

  it("is needed: plain Trans turns the same title into markup", () => {
    expect(renderIn(<Sentence safe={false} />, "en")).toContain("<i>draft</i>");
  });

  it("still formats money and days in the reader's way", () => {
    function Owed() {
      const { t } = useTranslation("staff");
      return (
        <SafeTrans
          t={t}
          i18nKey="payments.unpaid.noPaymentOwed"
          values={{ name: "Lin <b>", amount: 25_050 }}
          components={{ owed: <span /> }}
        />
      );
    }
    expect(renderIn(<Owed />, "en")).toBe("No payment recorded yet to Lin &lt;b&gt;<span>, $250.50 owed</span>");
    expect(renderIn(<Owed />, "es")).toBe(
      "Todavía no hay un pago registrado para Lin &lt;b&gt;<span>; se deben $250.50</span>",
    );
  });
});
