// Which language a person is spoken to in: their pages and every email sent to them.
import { eq } from "drizzle-orm";
import { consultants, users } from "../../db/schema";
import { DEFAULT_LANGUAGE, type Language } from "~/i18n/config";
import { isOfferedLanguage } from "~/i18n/translate.server";
import { db } from "~/utils/db.server";
import { RuleError } from "./errors";

/**
 * A person's own choice of language, or null to follow their browser. It is also copied onto their
 * consultant records, so the staff who work with them see it on the profile.
 */
export function setOwnLanguage(userId: string, language: Language | null) {
  if (language !== null && !isOfferedLanguage(language)) throw new RuleError("language", "common:language.choose");
  db.transaction((tx) => {
    tx.update(users).set({ preferredLanguage: language }).where(eq(users.id, userId)).run();
    if (language !== null)
      tx.update(consultants).set({ preferredLanguage: language }).where(eq(consultants.userId, userId)).run();
  });
}

/**
 * The language an email to this person is written in: their own choice when they have an account and made
 * one; else what staff recorded on their consultant profile; else English.
 */
export function notificationLanguage(recipient: {
  userLanguage?: string | null;
  consultantLanguage?: string | null;
}): Language {
  if (isOfferedLanguage(recipient.userLanguage)) return recipient.userLanguage;
  if (isOfferedLanguage(recipient.consultantLanguage)) return recipient.consultantLanguage;
  return DEFAULT_LANGUAGE;
}

/** A user's saved language, for an email to them; English when they have none. */
export function languageOfUser(userId: string): Language {
  const row = db.select({ language: users.preferredLanguage }).from(users).where(eq(users.id, userId)).get();
  return notificationLanguage({ userLanguage: row?.language });
}
