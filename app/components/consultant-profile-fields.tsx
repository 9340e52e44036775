/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { useId, type ReactNode } from "react";
import { CONTACT_CHANNELS, CONTACT_SAFETY, PAYMENT_METHODS } from "../../db/schema";
import { CHANNEL_LABELS, PAYMENT_METHOD_LABELS, ROLE_TAGS, SAFETY_LABELS } from "~/utils/consultant-options";
import { CheckboxField, CheckboxGroupField, RadioGroupField, SelectField, TextAreaField, TextField } from "./forms";

type Meta = Parameters<typeof TextField>[0]["field"];
type ProfileFields = Record<
  | "preferredName"
  | "pronouns"
  | "email"
  | "phone"
  | "preferredChannel"
  | "emailSafety"
  | "phoneSafety"
  | "textSafety"
  | "mailSafety"
  | "languages"
  | "location"
  | "availability"
  | "accessNeeds"
  | "interpreterLanguage"
  | "needsChildcare"
  | "needsTransport"
  | "supportPerson"
  | "paymentMethod"
  | "wantsBenefitsNote",
  Meta
> &
  Partial<Record<"roleTags" | "otherExpertise" | "staffNotes" | "legalName", Meta>>;

/**
 * Who fills the form: "self" is the consultant in the portal (plain words, "you"); "staff" and
 * "admin" are the organization (admins also see the legal name).
 */
export type ProfileAudience = "self" | "staff" | "admin";

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="card mb-6">
      <h2 id={id} className="mb-4 text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

const channelOptions = CONTACT_CHANNELS.map((c) => [c, CHANNEL_LABELS[c]] as const);
const safetyOptions = CONTACT_SAFETY.map((s) => [s, SAFETY_LABELS[s]] as const);
const paymentOptions = PAYMENT_METHODS.map((m) => [m, PAYMENT_METHOD_LABELS[m]] as const);

/** The fields of a consultant profile, for the staff form and the portal's "my profile". */
export function ConsultantProfileFields({ fields, audience }: { fields: ProfileFields; audience: ProfileAudience }) {
  const self = audience === "self";
  const they = (you: string, them: string) => (self ? you : them);
  return (
    <>
      <p className="mb-6 rounded-md border border-brand-600 bg-brand-50 p-3">
        {self
          ? "We never ask about your past. You never have to share your story to work with us or be paid."
          : "This form never asks about anyone's experience of trafficking, and nobody has to share it to be engaged or paid. Do not record it here."}
      </p>

      <Section title={self ? "About you" : "About them"}>
        <TextField
          field={fields.preferredName}
          label="Preferred name"
          required
          help={they(
            "Why we ask: this is the only name we use for you, everywhere.",
            "Why we ask: the only name shown anywhere in the product.",
          )}
        />
        <TextField
          field={fields.pronouns}
          label="Pronouns (optional)"
          help={they(
            "Why we ask: so we refer to you the right way.",
            "Why we ask: so everyone refers to them the right way.",
          )}
        />
        {audience === "admin" && fields.legalName ? (
          <TextField
            field={fields.legalName}
            label="Legal name (optional, admins only)"
            help="Why we ask: needed only for payments and tax forms. Only admins can see it; it never appears in lists or emails."
          />
        ) : null}
      </Section>

      <Section title="Contact and safety">
        <TextField
          field={fields.email}
          label="Email (optional)"
          type="email"
          help={they(
            "Why we ask: you sign in with it. We only email you if you say email is safe.",
            "Why we ask: they sign in to the portal with it. You need it to invite them, even when email is not safe: then it is only their sign-in name, and nothing is sent to it.",
          )}
        />
        <TextField
          field={fields.phone}
          label="Phone (optional)"
          type="tel"
          help={they(
            "Why we ask: only used if you say calls or texts are safe.",
            "Why we ask: only used where calls or texts are marked safe.",
          )}
        />
        <SelectField
          field={fields.preferredChannel}
          label={they("How do you like to be contacted?", "Preferred way to be contacted")}
          placeholder="No preference"
          options={channelOptions}
          help="Why we ask: so we reach out the way that works best."
        />
        <p className="mb-2 text-sm text-slate-700">
          {they(
            "Tell us which ways are safe for you. We never use a way marked not safe. For “ask first”, we ask you in person before using it.",
            "Which ways are safe to use. Nothing automatic goes out on a way marked not safe or ask first.",
          )}
        </p>
        <RadioGroupField field={fields.emailSafety} legend="Email" options={safetyOptions} />
        <RadioGroupField field={fields.phoneSafety} legend="Phone calls" options={safetyOptions} />
        <RadioGroupField field={fields.textSafety} legend="Text messages" options={safetyOptions} />
        <RadioGroupField field={fields.mailSafety} legend="Postal mail" options={safetyOptions} />
      </Section>

      <Section title="Languages and location">
        <TextField
          field={fields.languages}
          label="Languages"
          help={they(
            "Separate them with commas. Why we ask: so we can offer work in your languages.",
            "Separate with commas. Why we ask: to match work and interpreters.",
          )}
        />
        <TextField
          field={fields.location}
          label="City or region (optional)"
          help="Why we ask: to plan travel. Never a street address."
        />
      </Section>

      {/* Staff-only sections depend on the audience, never on which fields exist: Conform
          answers for any field name asked of it. */}
      {!self && fields.roleTags && fields.otherExpertise ? (
        <Section title="Expertise and roles">
          <CheckboxGroupField
            field={fields.roleTags}
            legend="Roles"
            options={ROLE_TAGS}
            help="Why we ask: to offer the right work."
          />
          <TextField
            field={fields.otherExpertise}
            label="Other areas of expertise"
            help="Separate with commas, e.g. curriculum review, policy review."
          />
        </Section>
      ) : null}

      <Section title="Availability and accommodations">
        <TextAreaField
          field={fields.availability}
          label={they("When are you usually available? (optional)", "Availability (optional)")}
          help="Why we ask: to plan work at times that suit."
        />
        <TextAreaField
          field={fields.accessNeeds}
          label="Access needs (optional)"
          help={they(
            "Why we ask: so every meeting and event works for you.",
            "Why we ask: so every meeting and event works for them.",
          )}
        />
        <TextField
          field={fields.interpreterLanguage}
          label="Interpreter language (optional)"
          help="Why we ask: we book and pay for interpreters."
        />
        <CheckboxField
          field={fields.needsChildcare}
          label="Childcare support helps"
          help="Why we ask: we can arrange or pay for it."
        />
        <CheckboxField
          field={fields.needsTransport}
          label="Transport support helps"
          help="Why we ask: we can arrange or pay for it."
        />
        <TextField
          field={fields.supportPerson}
          label="Support person (optional)"
          help={they(
            "Someone you would like with you at work events. Why we ask: so we can welcome them.",
            "Someone they would like with them. Why we ask: so we can welcome them.",
          )}
        />
      </Section>

      <Section title="Payment preferences">
        <SelectField
          field={fields.paymentMethod}
          label={they("How would you like to be paid?", "Payment method")}
          options={paymentOptions}
          help={they(
            "Why we ask: you choose how you are paid.",
            "Why we ask: the consultant chooses how they are paid.",
          )}
        />
        <CheckboxField
          field={fields.wantsBenefitsNote}
          label={they(
            "Send me a note about how pay may affect public benefits",
            "Wants a note about possible effects on public benefits",
          )}
          help="Why we ask: some pay can affect benefits. We share information; we do not give advice."
        />
      </Section>

      {!self && fields.staffNotes ? (
        <Section title="Private staff notes">
          <TextAreaField
            field={fields.staffNotes}
            label="Notes (staff only)"
            rows={4}
            help="Why we ask: for working notes. The consultant does not see these. Never record their experience here."
          />
        </Section>
      ) : null}
    </>
  );
}
