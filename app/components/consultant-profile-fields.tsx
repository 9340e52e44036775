import { useId, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { CONTACT_CHANNELS, CONTACT_SAFETY, PAYMENT_METHODS } from "../../db/schema";
import { languageName, LANGUAGES } from "~/i18n/config";
import {
  CHANNEL_LABELS,
  PAYMENT_METHOD_LABELS,
  ROLE_TAG_LABELS,
  ROLE_TAGS,
  SAFETY_LABELS,
} from "~/utils/consultant-options";
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
  Partial<Record<"preferredLanguage" | "roleTags" | "otherExpertise" | "staffNotes" | "legalName", Meta>>;

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
const roleOptions = ROLE_TAGS.map((tag) => [tag, ROLE_TAG_LABELS[tag]] as const);
// Each language by its own name ("Español"), so the person it is for would recognise it too.
const languageOptions = LANGUAGES.map((code) => [code, languageName(code)] as const);
// How safe each way of reaching the person is: one question per channel, asked the same way.
const SAFETY_FIELDS = ["emailSafety", "phoneSafety", "textSafety", "mailSafety"] as const;

/**
 * The fields of a consultant profile, for the staff form and the portal's "my profile". Its words are
 * in the `common` catalog: the portal and the staff pages both show it.
 */
export function ConsultantProfileFields({ fields, audience }: { fields: ProfileFields; audience: ProfileAudience }) {
  const { t } = useTranslation();
  const self = audience === "self";
  return (
    <>
      <p className="mb-6 rounded-md border border-brand-600 bg-brand-50 p-3">
        {self ? t("profileFields.neverAsk.self") : t("profileFields.neverAsk.staff")}
      </p>

      <Section title={self ? t("profileFields.about.titleSelf") : t("profileFields.about.titleStaff")}>
        <TextField
          field={fields.preferredName}
          label={t("profileFields.preferredName.label")}
          required
          help={self ? t("profileFields.preferredName.helpSelf") : t("profileFields.preferredName.helpStaff")}
        />
        <TextField
          field={fields.pronouns}
          label={t("profileFields.pronouns.label")}
          help={self ? t("profileFields.pronouns.helpSelf") : t("profileFields.pronouns.helpStaff")}
        />
        {audience === "admin" && fields.legalName ? (
          <TextField
            field={fields.legalName}
            label={t("profileFields.legalName.label")}
            help={t("profileFields.legalName.help")}
          />
        ) : null}
      </Section>

      <Section title={t("profileFields.contact.title")}>
        <TextField
          field={fields.email}
          label={t("profileFields.email.label")}
          type="email"
          help={self ? t("profileFields.email.helpSelf") : t("profileFields.email.helpStaff")}
        />
        <TextField
          field={fields.phone}
          label={t("profileFields.phone.label")}
          type="tel"
          help={self ? t("profileFields.phone.helpSelf") : t("profileFields.phone.helpStaff")}
        />
        <SelectField
          field={fields.preferredChannel}
          label={self ? t("profileFields.preferredChannel.labelSelf") : t("profileFields.preferredChannel.labelStaff")}
          placeholder={t("profileFields.preferredChannel.none")}
          options={channelOptions}
          help={t("profileFields.preferredChannel.help")}
        />
        <p className="mb-2 text-sm text-slate-700">
          {self ? t("profileFields.contact.safetySelf") : t("profileFields.contact.safetyStaff")}
        </p>
        {SAFETY_FIELDS.map((name) => (
          <RadioGroupField
            key={name}
            field={fields[name]}
            legend={t(`profileFields.contact.${name}`)}
            options={safetyOptions}
          />
        ))}
      </Section>

      <Section title={t("profileFields.languagesAndLocation.title")}>
        <TextField
          field={fields.languages}
          label={t("profileFields.languages.label")}
          help={self ? t("profileFields.languages.helpSelf") : t("profileFields.languages.helpStaff")}
        />
        {!self && fields.preferredLanguage ? (
          <SelectField
            field={fields.preferredLanguage}
            label={t("profileFields.preferredLanguage.label")}
            placeholder={t("profileFields.preferredLanguage.notRecorded")}
            options={languageOptions}
            help={t("profileFields.preferredLanguage.help")}
          />
        ) : null}
        <TextField
          field={fields.location}
          label={t("profileFields.location.label")}
          help={t("profileFields.location.help")}
        />
      </Section>

      {/* Staff-only sections depend on the audience, never on which fields exist: Conform
          answers for any field name asked of it. */}
      {!self && fields.roleTags && fields.otherExpertise ? (
        <Section title={t("profileFields.expertise.title")}>
          <CheckboxGroupField
            field={fields.roleTags}
            legend={t("profileFields.expertise.roles")}
            options={roleOptions}
            help={t("profileFields.expertise.rolesHelp")}
          />
          <TextField
            field={fields.otherExpertise}
            label={t("profileFields.expertise.other")}
            help={t("profileFields.expertise.otherHelp")}
          />
        </Section>
      ) : null}

      <Section title={t("profileFields.availability.title")}>
        <TextAreaField
          field={fields.availability}
          label={self ? t("profileFields.availability.labelSelf") : t("profileFields.availability.labelStaff")}
          help={t("profileFields.availability.help")}
        />
        <TextAreaField
          field={fields.accessNeeds}
          label={t("profileFields.accessNeeds.label")}
          help={self ? t("profileFields.accessNeeds.helpSelf") : t("profileFields.accessNeeds.helpStaff")}
        />
        <TextField
          field={fields.interpreterLanguage}
          label={t("profileFields.interpreterLanguage.label")}
          help={t("profileFields.interpreterLanguage.help")}
        />
        <CheckboxField
          field={fields.needsChildcare}
          label={t("profileFields.needsChildcare.label")}
          help={t("profileFields.weCanArrange")}
        />
        <CheckboxField
          field={fields.needsTransport}
          label={t("profileFields.needsTransport.label")}
          help={t("profileFields.weCanArrange")}
        />
        <TextField
          field={fields.supportPerson}
          label={t("profileFields.supportPerson.label")}
          help={self ? t("profileFields.supportPerson.helpSelf") : t("profileFields.supportPerson.helpStaff")}
        />
      </Section>

      <Section title={t("profileFields.payment.title")}>
        <SelectField
          field={fields.paymentMethod}
          label={self ? t("profileFields.payment.methodSelf") : t("profileFields.payment.methodStaff")}
          options={paymentOptions}
          help={self ? t("profileFields.payment.methodHelpSelf") : t("profileFields.payment.methodHelpStaff")}
        />
        <CheckboxField
          field={fields.wantsBenefitsNote}
          label={self ? t("profileFields.payment.benefitsSelf") : t("profileFields.payment.benefitsStaff")}
          help={t("profileFields.payment.benefitsHelp")}
        />
      </Section>

      {!self && fields.staffNotes ? (
        <Section title={t("profileFields.staffNotes.title")}>
          <TextAreaField
            field={fields.staffNotes}
            label={t("profileFields.staffNotes.label")}
            rows={4}
            help={t("profileFields.staffNotes.help")}
          />
        </Section>
      ) : null}
    </>
  );
}
