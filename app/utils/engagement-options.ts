// Labels for engagements, shared by staff pages and the portal: catalog keys in `common`, shown with
// `useMessage()` (or by the select and radio fields, which translate their options) and, on the
// server, with `translator(language)`.
export const STAGE_LABELS = {
  design: "common:engagementOptions.stage.design",
  delivery: "common:engagementOptions.stage.delivery",
  evaluation: "common:engagementOptions.stage.evaluation",
} as const;

export const LEVEL_LABELS = {
  inform: "common:engagementOptions.level.inform",
  consult: "common:engagementOptions.level.consult",
  involve: "common:engagementOptions.level.involve",
  collaborate: "common:engagementOptions.level.collaborate",
  survivor_led: "common:engagementOptions.level.survivorLed",
} as const;

export const RATE_KIND_LABELS = {
  hourly: "common:engagementOptions.rateKind.hourly",
  daily: "common:engagementOptions.rateKind.daily",
  flat_fee: "common:engagementOptions.rateKind.flatFee",
  honorarium: "common:engagementOptions.rateKind.honorarium",
} as const;

export const ENGAGEMENT_STATUS_LABELS = {
  proposed: "common:engagementOptions.status.proposed",
  agreed: "common:engagementOptions.status.agreed",
  in_progress: "common:engagementOptions.status.inProgress",
  completed: "common:engagementOptions.status.completed",
  cancelled: "common:engagementOptions.status.cancelled",
} as const;

export const FORMAT_LABELS = {
  in_person: "common:engagementOptions.format.inPerson",
  remote: "common:engagementOptions.format.remote",
  hybrid: "common:engagementOptions.format.hybrid",
} as const;

// The usual activities of each stage: the starting list each organization is given, stored as its
// own data (admins rename, remove and add to it in their words), so these stay plain text.
export const DEFAULT_ACTIVITY_TYPES = {
  design: [
    "Needs assessment",
    "Advisory board",
    "Curriculum or materials review",
    "Policy review",
    "Program model co-design",
    "Hiring panel",
  ],
  delivery: ["Co-facilitating training", "Peer mentoring or support", "Speaking", "Outreach", "Technical assistance"],
  evaluation: [
    "Evaluation design",
    "Survey or interview instrument review",
    "Focus group",
    "Data interpretation",
    "Reviewing findings and reports",
  ],
} as const;

/** How staff can say an answer to the terms reached them: anything but the portal. */
export const OFFLINE_AGREEMENT_METHODS = ["paper_form", "out_loud", "other"] as const;

// How an answer to the terms reached the organization: staff words, and the consultant's.
export const AGREEMENT_METHOD_LABELS = {
  portal: "common:engagementOptions.agreementMethod.portal",
  paper_form: "common:engagementOptions.agreementMethod.paperForm",
  out_loud: "common:engagementOptions.agreementMethod.outLoud",
  other: "common:engagementOptions.agreementMethod.other",
} as const;

export const AGREEMENT_METHOD_PORTAL_WORDS = {
  portal: "common:engagementOptions.agreementMethodPortal.portal",
  paper_form: "common:engagementOptions.agreementMethodPortal.paperForm",
  out_loud: "common:engagementOptions.agreementMethodPortal.outLoud",
  other: "common:engagementOptions.agreementMethodPortal.other",
} as const;
