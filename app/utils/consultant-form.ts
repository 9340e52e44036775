// Turns a stored consultant record into the form's starting values.
type StoredProfile = {
  preferredName: string;
  pronouns: string | null;
  email: string | null;
  phone: string | null;
  preferredChannel: string | null;
  emailSafety: string;
  phoneSafety: string;
  textSafety: string;
  mailSafety: string;
  languages: string[];
  location: string | null;
  availability: string | null;
  accessNeeds: string | null;
  interpreterLanguage: string | null;
  needsChildcare: boolean;
  needsTransport: boolean;
  supportPerson: string | null;
  paymentMethod: string;
  wantsBenefitsNote: boolean;
};

export function profileFormDefaults(record: StoredProfile) {
  return {
    preferredName: record.preferredName,
    pronouns: record.pronouns ?? "",
    email: record.email ?? "",
    phone: record.phone ?? "",
    preferredChannel: record.preferredChannel ?? "",
    emailSafety: record.emailSafety,
    phoneSafety: record.phoneSafety,
    textSafety: record.textSafety,
    mailSafety: record.mailSafety,
    languages: record.languages.join(", "),
    location: record.location ?? "",
    availability: record.availability ?? "",
    accessNeeds: record.accessNeeds ?? "",
    interpreterLanguage: record.interpreterLanguage ?? "",
    needsChildcare: record.needsChildcare,
    needsTransport: record.needsTransport,
    supportPerson: record.supportPerson ?? "",
    paymentMethod: record.paymentMethod,
    wantsBenefitsNote: record.wantsBenefitsNote,
  };
}

export const NEW_PROFILE_DEFAULTS = {
  emailSafety: "ask_first",
  phoneSafety: "ask_first",
  textSafety: "ask_first",
  mailSafety: "ask_first",
  paymentMethod: "undecided",
} as const;
