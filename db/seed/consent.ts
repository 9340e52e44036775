// Demo consent: written straight into the tables, because the demo needs history the
// product's own rules would refuse today (a grant from three years ago that has since ended).
// Dates are relative to the day the seed runs, so the demo looks the same whenever it is made.
import { addDays, addMonths, subMonths } from "date-fns";
import { and, eq } from "drizzle-orm";
import {
  consentEvents,
  consentPurposes,
  consentPurposeVersions,
  consentUses,
  consultants,
  type ConsentEventKind,
  type Translations,
} from "../schema";
import { isoDay } from "../../app/utils/day";
import type { Executor } from "../../app/utils/db.server";

type DemoEvent = {
  consultant: string;
  purpose: string;
  kind: ConsentEventKind;
  /** When it was recorded, as months before today (fractions allowed via days). */
  monthsAgo: number;
  method?: "portal" | "written_form" | "verbal_with_witness";
  scopeNotes?: string;
  nameChoice?: "real_name" | "chosen_name" | "anonymous";
  /** Expiry as days from today (negative: already passed). */
  expiresInDays?: number;
  witnessName?: string;
  /** A yes or no staff typed in: how many days after it was given (signed or said) they did. */
  givenDaysEarlier?: number;
  /** Where the signed paper form is kept. */
  formKeptAt?: string;
  /** The language of the words they read; English when left out. */
  language?: string;
};

const HARBOR_EVENTS: DemoEvent[] = [
  // Ana: quotes (ending within the review window) on a paper form she signed with a peer mentor
  // there, typed in four days later; her chosen name; no photos.
  {
    consultant: "ana",
    purpose: "story",
    kind: "granted",
    monthsAgo: 35,
    method: "written_form",
    givenDaysEarlier: 4,
    witnessName: "Rae (peer mentor)",
    formKeptAt: "Locked cabinet, office 2",
    scopeNotes: "Quotes only, no details about my past.",
    // Three years from the day she signed, not from the day it was typed in.
    expiresInDays: 26,
  },
  { consultant: "ana", purpose: "name", kind: "granted", monthsAgo: 2, method: "portal", nameChoice: "chosen_name" },
  { consultant: "ana", purpose: "photo", kind: "declined", monthsAgo: 2, method: "portal" },
  { consultant: "ana", purpose: "feedback_reports", kind: "granted", monthsAgo: 2, method: "portal" },
  // Jo: a media consent from three years ago that has ended.
  {
    consultant: "jo",
    purpose: "media",
    kind: "granted",
    monthsAgo: 37,
    method: "verbal_with_witness",
    givenDaysEarlier: 1,
    witnessName: "Sam",
    expiresInDays: -20,
  },
  { consultant: "jo", purpose: "media", kind: "expired", monthsAgo: 0.6, expiresInDays: -20 },
  // Marisol: said yes to social media, then withdrew; the post about her is flagged.
  {
    consultant: "marisol",
    purpose: "social_media",
    kind: "granted",
    monthsAgo: 6,
    method: "written_form",
    givenDaysEarlier: 0,
    formKeptAt: "Consent binder, front office",
  },
  { consultant: "marisol", purpose: "social_media", kind: "withdrawn", monthsAgo: 0.2, method: "portal" },
  {
    consultant: "marisol",
    purpose: "future_contact",
    kind: "granted",
    monthsAgo: 6,
    method: "written_form",
    givenDaysEarlier: 0,
    formKeptAt: "Consent binder, front office",
  },
];

const NORTHWIND_EVENTS: DemoEvent[] = [
  { consultant: "cam", purpose: "future_contact", kind: "granted", monthsAgo: 1, method: "portal" },
  { consultant: "cam", purpose: "photo", kind: "declined", monthsAgo: 1, method: "portal" },
  // Lucía reads Spanish: her choices were made on the Spanish words, in the portal and on a paper form.
  {
    consultant: "lucia",
    purpose: "name",
    kind: "granted",
    monthsAgo: 1,
    method: "portal",
    nameChoice: "chosen_name",
    language: "es",
  },
  { consultant: "lucia", purpose: "feedback_reports", kind: "granted", monthsAgo: 1, method: "portal", language: "es" },
  {
    consultant: "lucia",
    purpose: "photo",
    kind: "declined",
    monthsAgo: 2,
    method: "written_form",
    givenDaysEarlier: 1,
    formKeptAt: "Consent binder, Northwind office",
    language: "es",
  },
];

const CAMBIAR_DE_OPINION =
  "Puede cambiar de opinión en cualquier momento. Si lo hace, dejamos de darle cualquier uso nuevo de inmediato. Puede que no sea posible retirar lo que ya se imprimió o publicó.";

/**
 * Northwind's purposes in Spanish, for Lucía. "Media or press contact" and "Share my contact details
 * with partners" are not written in Spanish yet: a Spanish reader sees those in English, with a note.
 */
const NORTHWIND_SPANISH: Record<string, { label: string; text: string }> = {
  story: {
    label: "Compartir mi historia o citas",
    text: `Podemos usar sus palabras (una cita o parte de su historia) en nuestros materiales, solo de la forma en que usted acepte. ${CAMBIAR_DE_OPINION}`,
  },
  name: {
    label: "Usar mi nombre",
    text: `Podemos mostrar un nombre junto a su trabajo o sus palabras: su nombre real, un nombre que usted elija o ningún nombre. ${CAMBIAR_DE_OPINION}`,
  },
  photo: { label: "Foto o imagen mía", text: `Podemos usar una foto o imagen suya. ${CAMBIAR_DE_OPINION}` },
  recording: {
    label: "Grabación de audio o video",
    text: `Podemos grabar su voz o un video suyo, por ejemplo en una capacitación. ${CAMBIAR_DE_OPINION}`,
  },
  social_media: {
    label: "Redes sociales",
    text: `Podemos publicar sobre su trabajo con nosotros en redes sociales, de la forma en que usted acepte. ${CAMBIAR_DE_OPINION}`,
  },
  fundraising: {
    label: "Recaudación de fondos y materiales para donantes",
    text: `Podemos usar sus palabras o su trabajo en cartas e informes para donantes y financiadores. ${CAMBIAR_DE_OPINION}`,
  },
  future_contact: {
    label: "Contactarme para trabajos futuros",
    text: `Podemos comunicarnos con usted sobre nuevos trabajos pagados que podrían interesarle. ${CAMBIAR_DE_OPINION}`,
  },
  feedback_reports: {
    label: "Usar mis comentarios en informes",
    text: `Podemos usar lo que nos dice sobre nuestros programas en nuestros informes, sin su nombre a menos que también acepte eso. ${CAMBIAR_DE_OPINION}`,
  },
};

/**
 * The demo organizations' default purposes in other languages, by purpose key: written from the start,
 * before any choice was made on them.
 */
export function demoPurposeTranslations(orgName: string): Record<string, Translations> {
  if (orgName !== "Northwind Alliance") return {};
  return Object.fromEntries(Object.entries(NORTHWIND_SPANISH).map(([key, words]) => [key, { es: words }]));
}

export const DEMO_CONSENT: Record<string, DemoEvent[]> = {
  "Harbor Light Collective": HARBOR_EVENTS,
  "Northwind Alliance": NORTHWIND_EVENTS,
};

const monthsBefore = (now: Date, months: number) =>
  Number.isInteger(months) ? subMonths(now, months) : addDays(now, -Math.round(months * 30));

export function ensureDemoConsent(tx: Executor, organizationId: string, orgName: string, staffUserId: string) {
  const now = new Date();
  const consultantOf = (key: string) =>
    tx
      .select({ id: consultants.id, userId: consultants.userId })
      .from(consultants)
      .where(and(eq(consultants.organizationId, organizationId), eq(consultants.creationKey, `demo:${key}`)))
      .get()!;
  const purposeOf = (systemKey: string) =>
    tx
      .select({ id: consentPurposes.id, versionId: consentPurposeVersions.id })
      .from(consentPurposes)
      .innerJoin(consentPurposeVersions, eq(consentPurposeVersions.purposeId, consentPurposes.id))
      .where(
        and(
          eq(consentPurposes.organizationId, organizationId),
          eq(consentPurposes.systemKey, systemKey),
          // The demo's decisions were made on the first wording.
          eq(consentPurposeVersions.version, 1),
        ),
      )
      .get()!;

  const eventIds = new Map<string, string>();
  (DEMO_CONSENT[orgName] ?? []).forEach((e, index) => {
    const consultant = consultantOf(e.consultant);
    const purpose = purposeOf(e.purpose);
    const creationKey = `demo:consent:${e.consultant}:${e.purpose}:${index}`;
    const recordedBy = e.kind === "expired" ? null : e.method === "portal" ? consultant.userId : staffUserId;
    const recordedAt = monthsBefore(now, e.monthsAgo);
    tx.insert(consentEvents)
      .values({
        organizationId,
        consultantId: consultant.id,
        purposeId: purpose.id,
        purposeVersionId: purpose.versionId,
        kind: e.kind,
        language: e.language ?? "en",
        method: e.kind === "expired" ? null : (e.method ?? "written_form"),
        scopeNotes: e.scopeNotes ?? null,
        nameChoice: e.nameChoice ?? null,
        witnessName: e.witnessName ?? null,
        givenOn: e.givenDaysEarlier !== undefined ? isoDay(addDays(recordedAt, -e.givenDaysEarlier)) : null,
        formKeptAt: e.formKeptAt ?? null,
        expiresOn: e.expiresInDays !== undefined ? isoDay(addDays(now, e.expiresInDays)) : null,
        recordedByUserId: recordedBy,
        creationKey,
        createdAt: recordedAt,
      })
      .onConflictDoNothing()
      .run();
    const stored = tx
      .select({ id: consentEvents.id })
      .from(consentEvents)
      .where(and(eq(consentEvents.organizationId, organizationId), eq(consentEvents.creationKey, creationKey)))
      .get()!;
    eventIds.set(`${e.consultant}:${e.purpose}:${e.kind}`, stored.id);
  });

  if (orgName !== "Harbor Light Collective") return;
  const uses = [
    {
      key: "ana-annual-report",
      consultant: "ana",
      purpose: "story",
      description: "Quote in the annual report",
      place: "Annual report 2026, page 4",
      status: "published" as const,
      basis: eventIds.get("ana:story:granted")!,
      flag: null,
    },
    {
      key: "marisol-instagram",
      consultant: "marisol",
      purpose: "social_media",
      description: "Post about the spring training",
      place: "Instagram",
      status: "published" as const,
      basis: eventIds.get("marisol:social_media:granted")!,
      flag: eventIds.get("marisol:social_media:withdrawn")!,
    },
  ];
  for (const use of uses) {
    tx.insert(consentUses)
      .values({
        organizationId,
        consultantId: consultantOf(use.consultant).id,
        purposeId: purposeOf(use.purpose).id,
        description: use.description,
        place: use.place,
        useDate: isoDay(addMonths(now, -1)),
        status: use.status,
        basisEventId: use.basis,
        flaggedAt: use.flag ? addDays(now, -6) : null,
        flagEventId: use.flag,
        createdByUserId: staffUserId,
        creationKey: `demo:use:${use.key}`,
      })
      .onConflictDoNothing()
      .run();
  }
}
