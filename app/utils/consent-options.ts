// Words for consent, shared by staff pages, the portal and the seed. Plain language:
// portal text aims at reading grade 7.
//
// Each label is a catalog key ("common:consentOptions..."): show it with `useMessage()` (or as the text
// of a select, radio or checkbox option, which translate their own). Never compare a label: compare
// the value it belongs to.

export const CONSENT_STATE_LABELS = {
  granted: "common:consentOptions.state.granted",
  declined: "common:consentOptions.state.declined",
  withdrawn: "common:consentOptions.state.withdrawn",
  expired: "common:consentOptions.state.expired",
  not_asked: "common:consentOptions.state.notAsked",
} as const;
export type ConsentState = keyof typeof CONSENT_STATE_LABELS;

export const CONSENT_EVENT_LABELS = {
  granted: "common:consentOptions.event.granted",
  declined: "common:consentOptions.event.declined",
  withdrawn: "common:consentOptions.event.withdrawn",
  expired: "common:consentOptions.event.expired",
} as const;

export const CONSENT_METHOD_LABELS = {
  portal: "common:consentOptions.method.portal",
  written_form: "common:consentOptions.method.writtenForm",
  verbal_with_witness: "common:consentOptions.method.verbalWithWitness",
} as const;

export const NAME_CHOICE_LABELS = {
  real_name: "common:consentOptions.nameChoice.realName",
  chosen_name: "common:consentOptions.nameChoice.chosenName",
  anonymous: "common:consentOptions.nameChoice.anonymous",
} as const;

export const CONSENT_USE_STATUS_LABELS = {
  planned: "common:consentOptions.useStatus.planned",
  published: "common:consentOptions.useStatus.published",
  ended: "common:consentOptions.useStatus.ended",
} as const;

export const CONSENT_USE_ACTION_LABELS = {
  taken_down: "common:consentOptions.useAction.takenDown",
  stopped: "common:consentOptions.useAction.stopped",
  not_retrievable: "common:consentOptions.useAction.notRetrievable",
  other: "common:consentOptions.useAction.other",
} as const;

/** Days before an expiry date that a consent shows up for review. */
export const REVIEW_WINDOW_DAYS = 60;

// Every text ends with the same promise, so nobody agrees without knowing they can change their mind.
// The default purposes' wording is the organization's own text, stored and versioned with each choice
// (a person agrees to exact words), so it is data here, not a catalog entry.
export const CHANGE_YOUR_MIND =
  "You can change your mind at any time. If you do, we stop any new use at once. Things already printed or posted may not be possible to take back.";

/** The purposes every organization starts with. */
export const DEFAULT_CONSENT_PURPOSES: {
  systemKey: string;
  label: string;
  text: string;
  defaultExpiryMonths: number | null;
  asksNameChoice?: boolean;
}[] = [
  {
    systemKey: "story",
    label: "Share my story or quotes",
    text: `We may use your words (a quote or part of your story) in our materials, only in the way you agree. ${CHANGE_YOUR_MIND}`,
    defaultExpiryMonths: 36,
  },
  {
    systemKey: "name",
    label: "Use my name",
    text: `We may show a name next to your work or words: your real name, a name you choose, or no name at all. ${CHANGE_YOUR_MIND}`,
    defaultExpiryMonths: null,
    asksNameChoice: true,
  },
  {
    systemKey: "photo",
    label: "Photo or image of me",
    text: `We may use a photo or picture of you. ${CHANGE_YOUR_MIND}`,
    defaultExpiryMonths: 36,
  },
  {
    systemKey: "recording",
    label: "Audio or video recording",
    text: `We may record your voice or video of you, for example at a training. ${CHANGE_YOUR_MIND}`,
    defaultExpiryMonths: 36,
  },
  {
    systemKey: "media",
    label: "Media or press contact",
    text: `We may pass on a request from a reporter to talk with you. You decide each time if you talk with them. ${CHANGE_YOUR_MIND}`,
    defaultExpiryMonths: 36,
  },
  {
    systemKey: "social_media",
    label: "Social media",
    text: `We may post about your work with us on social media, in the way you agree. ${CHANGE_YOUR_MIND}`,
    defaultExpiryMonths: null,
  },
  {
    systemKey: "fundraising",
    label: "Fundraising and donor materials",
    text: `We may use your words or work in letters and reports to donors and funders. ${CHANGE_YOUR_MIND}`,
    defaultExpiryMonths: null,
  },
  {
    systemKey: "share_contact",
    label: "Share my contact details with partners",
    text: `We may give your contact details to a partner organization that wants to work with you. ${CHANGE_YOUR_MIND}`,
    defaultExpiryMonths: null,
  },
  {
    systemKey: "future_contact",
    label: "Contact me about future work",
    text: `We may get in touch about new paid work that might fit you. ${CHANGE_YOUR_MIND}`,
    defaultExpiryMonths: null,
  },
  {
    systemKey: "feedback_reports",
    label: "Use my feedback in reports",
    text: `We may use what you tell us about our programs in our reports, without your name unless you agree to that too. ${CHANGE_YOUR_MIND}`,
    defaultExpiryMonths: null,
  },
];
