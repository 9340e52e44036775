// Labels for engagements, shared by staff pages and the portal.
export const STAGE_LABELS = { design: "Design", delivery: "Delivery", evaluation: "Evaluation" } as const;

export const LEVEL_LABELS = {
  inform: "Inform",
  consult: "Consult",
  involve: "Involve",
  collaborate: "Collaborate",
  survivor_led: "Survivor-led",
} as const;

export const RATE_KIND_LABELS = {
  hourly: "Hourly rate",
  daily: "Daily rate",
  flat_fee: "Flat fee per deliverable",
  honorarium: "Honorarium",
} as const;

export const ENGAGEMENT_STATUS_LABELS = {
  proposed: "Proposed",
  agreed: "Agreed",
  in_progress: "In progress",
  completed: "Completed",
  cancelled: "Cancelled",
} as const;

export const FORMAT_LABELS = { in_person: "In person", remote: "Remote", hybrid: "Hybrid" } as const;

// The usual activities of each program stage: the starting list; each organization can add its own.
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
  portal: "In the portal",
  paper_form: "On a paper form",
  out_loud: "Said out loud",
  other: "Another way",
} as const;

export const AGREEMENT_METHOD_PORTAL_WORDS = {
  portal: "in the portal",
  paper_form: "on a paper form",
  out_loud: "out loud",
  other: "another way",
} as const;
