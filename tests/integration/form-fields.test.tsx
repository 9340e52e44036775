// The shared form fields keep the wiring screen readers rely on: the label points at the control,
// an error is linked to it and marks it invalid, and a password never comes back in the page.
import { renderIn } from "../support/render";
import { describe, expect, it } from "vitest";
import {
  CheckboxGroupField,
  NewPasswordFields,
  optionsFrom,
  PasswordField,
  SelectField,
} from "../../app/components/forms";

const meta = (name: string, more: { errors?: string[]; initialValue?: unknown } = {}) => ({
  id: `f-${name}`,
  name,
  errorId: `f-${name}-error`,
  descriptionId: `f-${name}-description`,
  ...more,
});

const attributes = (html: string, tag: string) => {
  const found = html.match(new RegExp(`<${tag}\\b[^>]*>`));
  if (!found) throw new Error(`no <${tag}> in ${html}`);
  return Object.fromEntries([...found[0].matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
};

describe("the select field", () => {
  const options = optionsFrom(["a", "b"] as const, (v) => `Choice ${v.toUpperCase()}`);

  it("with Conform's field metadata: help, error and invalid state linked to the select", () => {
    const html = renderIn(
      <SelectField
        field={meta("kind", { errors: ["Choose one."], initialValue: "b" })}
        label="Kind"
        help="What it is."
        placeholder="Choose one"
        options={options}
      />,
    );
    expect(attributes(html, "label")).toMatchObject({ for: "f-kind" });
    expect(attributes(html, "select")).toMatchObject({
      id: "f-kind",
      name: "kind",
      "aria-invalid": "true",
      "aria-describedby": "f-kind-description f-kind-error",
    });
    expect(html).toContain('<p id="f-kind-description" class="mt-1 text-sm text-slate-700">What it is.</p>');
    expect(html).toMatch(/<p id="f-kind-error"[^>]*aria-live="polite"[^>]*>Choose one\.<\/p>/);
    expect(html).toContain('<option value="">Choose one</option>');
    expect(html).toContain('<option value="b" selected="">Choice B</option>');
  });

  it("without an error: not invalid, described by its help only, room kept for the error", () => {
    const html = renderIn(<SelectField field={meta("kind")} label="Kind" help="What it is." options={options} />);
    const select = attributes(html, "select");
    expect(select["aria-invalid"]).toBeUndefined();
    expect(select["aria-describedby"]).toBe("f-kind-description");
    expect(html).toMatch(/<p id="f-kind-error"[^>]*><\/p>/);
  });

  it("as a plain filter: the chosen value, a number too, and no error line it has no use for", () => {
    const html = renderIn(
      <SelectField
        look="compact"
        field={{ id: "year", name: "year", initialValue: 2025 }}
        label="Year"
        placeholder="Any year"
        options={optionsFrom([2026, 2025])}
      />,
    );
    expect(attributes(html, "select")).toEqual({ id: "year", name: "year", class: "input" });
    expect(html).toContain('<option value="2025" selected="">2025</option>');
    expect(html).not.toContain("<p");
  });

  it("a filter left empty shows its 'any' choice", () => {
    const html = renderIn(
      <SelectField
        look="compact"
        field={{ id: "status", name: "status", initialValue: undefined }}
        label="Status"
        placeholder="Any status"
        options={options}
      />,
    );
    expect(html).toContain('<option value="" selected="">Any status</option>');
  });

  it("a plain field naming its error line gets the same error wiring as a Conform one", () => {
    const html = renderIn(
      <SelectField
        look="bare"
        field={{ id: "paid-method", name: "method", errorId: "method-error", errors: ["Choose how it was paid."] }}
        label="How it was paid"
        options={options}
        required
      />,
    );
    expect(attributes(html, "select")).toMatchObject({
      "aria-invalid": "true",
      "aria-describedby": "method-error",
      required: "",
    });
    expect(html).toMatch(/<p id="method-error"[^>]*>Choose how it was paid\.<\/p>/);
  });
});

describe("the checkbox group", () => {
  it("keeps ticked the boxes sent back, one (a single value) or several (a list)", () => {
    const ticked = (initialValue: unknown) =>
      [
        ...renderIn(
          <CheckboxGroupField field={meta("kinds", { initialValue })} legend="Kinds" options={["a", "b", "c"]} />,
        ).matchAll(/<input[^>]*checked=""[^>]*value="(\w)"/g),
      ].map((m) => m[1]);
    expect(ticked("b")).toEqual(["b"]);
    expect(ticked(["a", "c"])).toEqual(["a", "c"]);
    expect(ticked(undefined)).toEqual([]);
  });
});

describe("the password fields", () => {
  it("never put the typed password back in the page, and say they are required", () => {
    const html = renderIn(
      <PasswordField
        field={meta("password", { initialValue: "typed secret", errors: ["Wrong password."] })}
        label="Your password"
        autoComplete="current-password"
      />,
    );
    expect(html).not.toContain("typed secret");
    expect(attributes(html, "input")).toMatchObject({
      id: "f-password",
      name: "password",
      type: "password",
      autoComplete: "current-password",
      required: "",
      "aria-invalid": "true",
      "aria-describedby": "f-password-error",
    });
    expect(html).toContain('<span class="sr-only"> (required)</span>');
  });

  it("a new password comes with its rule and a second box to type it again", () => {
    const html = renderIn(
      <NewPasswordFields
        fields={{
          password: meta("password", { initialValue: "first secret" }),
          confirm: meta("confirm", { initialValue: "second secret" }),
        }}
        labels={{ password: "New password", confirm: "New password again" }}
        replyKey={0}
      />,
    );
    expect(html).not.toMatch(/first secret|second secret/);
    const labels = [...html.matchAll(/<label[^>]*>(.*?)<\/label>/g)].map((m) => m[1]);
    expect(labels).toEqual([
      'New password<span class="sr-only"> (required)</span>',
      'New password again<span class="sr-only"> (required)</span>',
    ]);
    expect(html).toContain("At least 12 characters.");
    expect([...html.matchAll(/autoComplete="new-password"/g)]).toHaveLength(2);
  });
});
