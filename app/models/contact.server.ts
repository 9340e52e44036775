import { and, eq } from "drizzle-orm";
import { consultants, users, type ContactChannel, type ContactSafety } from "../../db/schema";
import { db, type Executor } from "../utils/db.server";
import { openConsultantFields, sealedConsultantColumns } from "./consultant-fields.server";
import { composeEmail, deliverEmail, enqueueEmail, type EmailMessage } from "../utils/email.server";
import { NotFoundError } from "./errors";
import { notificationLanguage } from "./language.server";

type ContactFacts = {
  email: string | null;
  phone: string | null;
  emailSafety: ContactSafety;
  phoneSafety: ContactSafety;
  textSafety: ContactSafety;
  mailSafety: ContactSafety;
};

/**
 * The one rule for reaching a consultant: a channel may be used only when the consultant (or staff
 * who asked them) marked it safe and the contact detail exists. "Ask first" means no: someone must
 * ask in person before anything automatic goes out. Every notification goes through this.
 */
export function allowedChannels(facts: ContactFacts): Record<ContactChannel, boolean> {
  return {
    email: facts.emailSafety === "safe" && Boolean(facts.email),
    phone: facts.phoneSafety === "safe" && Boolean(facts.phone),
    text: facts.textSafety === "safe" && Boolean(facts.phone),
    // No postal address is kept (location is a city or region), so the product never mails.
    mail: false,
  };
}

export type NotifyResult = { sent: "email" } | { sent: false; reason: "not-safe" };

/**
 * What the contact rule needs to know of a consultant in the organization (their channels' safety, the
 * details opened, their language), or null when there is no such consultant.
 */
export function findContactFacts(executor: Executor, owner: { organizationId: string; consultantId: string }) {
  const row = executor
    .select({
      email: consultants.email,
      ...sealedConsultantColumns("phone"),
      emailSafety: consultants.emailSafety,
      phoneSafety: consultants.phoneSafety,
      textSafety: consultants.textSafety,
      mailSafety: consultants.mailSafety,
      consultantLanguage: consultants.preferredLanguage,
      userLanguage: users.preferredLanguage,
    })
    .from(consultants)
    .leftJoin(users, eq(users.id, consultants.userId))
    .where(and(eq(consultants.id, owner.consultantId), eq(consultants.organizationId, owner.organizationId)))
    .get();
  return row ? openConsultantFields(row, owner) : null;
}

function contactFactsOf(organizationId: string, consultantId: string) {
  const facts = findContactFacts(db, { organizationId, consultantId });
  if (!facts) throw new NotFoundError("staff:consultants.errors.notFound");
  return facts;
}

/**
 * Sends a consultant a message when their contact safety allows it, and otherwise nothing.
 * Today the only automatic channel is email; the result says whether it went.
 */
export async function notifyConsultant(args: {
  organizationId: string;
  consultantId: string;
  message: EmailMessage;
}): Promise<NotifyResult> {
  const facts = contactFactsOf(args.organizationId, args.consultantId);
  if (!allowedChannels(facts).email) return { sent: false, reason: "not-safe" };
  const composed = await composeEmail(args.message, notificationLanguage(facts));
  const outboxId = db.transaction((tx) => enqueueEmail(tx, facts.email!, composed));
  void deliverEmail(outboxId);
  return { sent: "email" };
}
