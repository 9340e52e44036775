import { describe, expect, it } from "vitest";
import {
  centsToInput,
  defaultNecThresholdCents,
  effectiveHourlyCents,
  estimatedTotalCents,
  fairPayCheck,
  fairPayCheckOfTyped,
  feeForHours,
  formatCents,
  formatHours,
  hundredthsToInput,
  isBelowFairRate,
  parseHoursToHundredths,
  parseMoneyToCents,
} from "../../app/utils/money";

describe("parseMoneyToCents", () => {
  it.each([
    ["0", 0],
    ["57", 5700],
    ["57.5", 5750],
    ["57.05", 5705],
    ["$1,250.50", 125050],
    ["  1250  ", 125000],
    ["0.10", 10],
    ["12345678", 1234567800],
  ])("reads %j as %d cents", (text, cents) => {
    expect(parseMoneyToCents(text)).toBe(cents);
  });

  it.each([
    "",
    "-5",
    "5.005",
    "1.2.3",
    "abc",
    "1,25",
    "12,34.00",
    "1e3",
    "0x10",
    "Infinity",
    "5.",
    "$-1",
    "99999999999999999999",
  ])("refuses %j", (text) => {
    expect(parseMoneyToCents(text)).toBeNull();
  });

  it("round-trips through the form text exactly", () => {
    for (const cents of [0, 1, 10, 99, 100, 5705, 125050, 999999999]) {
      expect(parseMoneyToCents(centsToInput(cents))).toBe(cents);
    }
  });
});

describe("parseHoursToHundredths", () => {
  it.each([
    ["1", 100],
    ["1.5", 150],
    ["0.25", 25],
    [".5", 50],
    ["24", 2400],
    ["7.75", 775],
  ])("reads %j as %d hundredths", (text, hundredths) => {
    expect(parseHoursToHundredths(text)).toBe(hundredths);
  });

  it.each(["", ".", "-1", "1.234", "one", "1,5", "1e2"])("refuses %j", (text) => {
    expect(parseHoursToHundredths(text)).toBeNull();
  });

  it("round-trips", () => {
    for (const h of [25, 50, 100, 150, 775, 2400]) expect(parseHoursToHundredths(hundredthsToInput(h))).toBe(h);
  });
});

describe("feeForHours", () => {
  it("multiplies exactly where floats would not", () => {
    // 0.1 + 0.2 style traps: $57.10 × 3 hours is exactly $171.30.
    expect(feeForHours(5710, 300)).toBe(17130);
    expect(feeForHours(5700, 150)).toBe(8550);
    expect(feeForHours(3333, 33)).toBe(1100); // 1099.89 → 1100
  });

  it("rounds an exact half cent up, to the consultant", () => {
    expect(feeForHours(1, 50)).toBe(1); // half a cent
    expect(feeForHours(3, 50)).toBe(2); // 1.5 cents
    expect(feeForHours(1, 49)).toBe(0);
  });

  it("always returns whole cents", () => {
    for (let rate = 0; rate < 300; rate += 7) {
      for (let h = 0; h <= 2400; h += 13) expect(Number.isInteger(feeForHours(rate, h))).toBe(true);
    }
  });
});

describe("fair pay", () => {
  const fair = 5700;
  it("flags an hourly rate below the fair rate, not one at it", () => {
    expect(isBelowFairRate({ rateKind: "hourly", rateCents: 5699, estimatedHundredths: null }, fair)).toBe(true);
    expect(isBelowFairRate({ rateKind: "hourly", rateCents: 5700, estimatedHundredths: null }, fair)).toBe(false);
  });

  it("spreads a daily rate over the estimated hours, or a standard 8-hour day", () => {
    expect(isBelowFairRate({ rateKind: "daily", rateCents: 45600, estimatedHundredths: null }, fair)).toBe(false);
    expect(isBelowFairRate({ rateKind: "daily", rateCents: 45599, estimatedHundredths: null }, fair)).toBe(true);
    expect(isBelowFairRate({ rateKind: "daily", rateCents: 30000, estimatedHundredths: 400 }, fair)).toBe(false);
  });

  it("spreads a flat fee or honorarium over the estimate, and says 'unknown' without one", () => {
    expect(isBelowFairRate({ rateKind: "honorarium", rateCents: 10000, estimatedHundredths: 300 }, fair)).toBe(true);
    expect(isBelowFairRate({ rateKind: "flat_fee", rateCents: 20000, estimatedHundredths: 300 }, fair)).toBe(false);
    expect(isBelowFairRate({ rateKind: "flat_fee", rateCents: 20000, estimatedHundredths: null }, fair)).toBeNull();
  });

  it("shows the effective hourly rate in whole cents", () => {
    expect(effectiveHourlyCents({ rateKind: "flat_fee", rateCents: 10000, estimatedHundredths: 300 })).toBe(3333);
    expect(effectiveHourlyCents({ rateKind: "daily", rateCents: 48000, estimatedHundredths: null })).toBe(6000);
    expect(effectiveHourlyCents({ rateKind: "honorarium", rateCents: 10000, estimatedHundredths: null })).toBeNull();
  });
});

describe("estimated total", () => {
  it("is rate × hours for hourly work, rate × days for a daily rate, the fee itself otherwise", () => {
    expect(estimatedTotalCents({ rateKind: "hourly", rateCents: 6000, estimatedHundredths: 250 })).toBe(15000);
    // Rounded half up to the cent, like a fee for logged hours.
    expect(estimatedTotalCents({ rateKind: "hourly", rateCents: 5750, estimatedHundredths: 133 })).toBe(7648);
    expect(estimatedTotalCents({ rateKind: "hourly", rateCents: 6000, estimatedHundredths: null })).toBeNull();
    expect(
      estimatedTotalCents({ rateKind: "daily", rateCents: 48000, estimatedHundredths: 600, estimatedDays: 3 }),
    ).toBe(144000);
    expect(estimatedTotalCents({ rateKind: "daily", rateCents: 48000, estimatedHundredths: 600 })).toBeNull();
    expect(estimatedTotalCents({ rateKind: "flat_fee", rateCents: 30000, estimatedHundredths: null })).toBe(30000);
    expect(estimatedTotalCents({ rateKind: "honorarium", rateCents: 15000, estimatedHundredths: 300 })).toBe(15000);
  });

  it("comes with the effective rate and the flag in one check, also from what is being typed", () => {
    const terms = { rateKind: "honorarium", rateCents: 10000, estimatedHundredths: 400 } as const;
    const check = {
      fairHourlyCents: 5700,
      effectiveHourlyCents: 2500,
      estimatedTotalCents: 10000,
      belowFairRate: true,
    };
    expect(fairPayCheck(terms, 5700)).toEqual(check);
    expect(fairPayCheckOfTyped({ rateKind: "honorarium", rate: "$100", estimatedHours: "4" }, 5700)).toEqual(check);
    // Hours or days that are not numbers yet count as not given; no rate, no figures.
    expect(fairPayCheckOfTyped({ rateKind: "hourly", rate: "25", estimatedHours: "4x" }, 5700)).toMatchObject({
      effectiveHourlyCents: 2500,
      estimatedTotalCents: null,
      belowFairRate: true,
    });
    expect(fairPayCheckOfTyped({ rateKind: "daily", rate: "400", estimatedDays: "2" }, 5700)).toMatchObject({
      effectiveHourlyCents: 5000,
      estimatedTotalCents: 80000,
    });
    expect(fairPayCheckOfTyped({ rateKind: "hourly", rate: "" }, 5700)).toBeNull();
    expect(fairPayCheckOfTyped({ rateKind: "weekly", rate: "100" }, 5700)).toBeNull();
  });
});

describe("1099-NEC threshold", () => {
  it("is $600 for payments made up to 2025 and $2,000 from 2026", () => {
    expect(defaultNecThresholdCents(2024)).toBe(60_000);
    expect(defaultNecThresholdCents(2025)).toBe(60_000);
    expect(defaultNecThresholdCents(2026)).toBe(200_000);
    expect(defaultNecThresholdCents(2027)).toBe(200_000);
  });
});

describe("formatting", () => {
  it("shows dollars and hours in plain words", () => {
    expect(formatCents(24000)).toBe("$240.00");
    expect(formatCents(125050)).toBe("$1,250.50");
    expect(formatHours(100)).toBe("1 hour");
    expect(formatHours(150)).toBe("1.5 hours");
  });
});
