import { stringify } from "csv-stringify/sync";

// A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK(...) can leak
// data or run commands): such cells get a leading apostrophe, which shows them as plain text.
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralizeFormula(value: string) {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Rows to CSV text, quoted by csv-stringify, with every text cell made safe for spreadsheets. */
export function toCsv(header: string[], rows: (string | number | null)[][]) {
  const safe = rows.map((row) =>
    row.map((cell) => (typeof cell === "string" ? neutralizeFormula(cell) : (cell ?? ""))),
  );
  return stringify([header, ...safe], { record_delimiter: "\r\n" });
}
