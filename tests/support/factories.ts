import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import {
  consentPurposes,
  consentUses,
  consultants,
  engagements,
  memberships,
  organizations,
  payments,
  programs,
  users,
  type Role,
} from "../../db/schema";
import { ensureDefaultChecklist } from "../../app/models/checklist.server";
import { ensureDefaultActivityTypes } from "../../app/models/activity-type.server";
import { ensureDefaultConsentPurposes } from "../../app/models/consent/purposes.server";
import { db } from "../../app/utils/db.server";
import { openConsultantFields, sealConsultantFields } from "../../app/models/consultant-fields.server";
import { startSession, type SignInStrength } from "../../app/utils/auth/session.server";
import { hashPassword } from "../../app/utils/password-hash.server";

export const TEST_PASSWORD = "correct-horse-battery";

// Hashing is deliberately slow; one hash serves every account a test file creates.
let passwordHash: Promise<string> | undefined;
const testPasswordHash = () => (passwordHash ??= hashPassword(TEST_PASSWORD));

/** An organization with the default onboarding checklist, as the demo seed makes them. */
export function createOrganization(name = `Org ${randomUUID().slice(0, 8)}`) {
  const org = db.insert(organizations).values({ name }).returning().get();
  ensureDefaultChecklist(db, org.id);
  ensureDefaultActivityTypes(db, org.id);
  ensureDefaultConsentPurposes(db, org.id);
  return org;
}

/**
 * A consultant record; pass `userId` to link it to a portal account. Sealed fields are encrypted
 * as the app stores them, and returned decrypted.
 */
export function createConsultantRecord(organizationId: string, values: Partial<typeof consultants.$inferInsert> = {}) {
  const id = values.id ?? randomUUID();
  const owner = { organizationId, consultantId: id };
  const row = db
    .insert(consultants)
    .values({
      organizationId,
      preferredName: `Consultant ${randomUUID().slice(0, 8)}`,
      ...sealConsultantFields({ ...values, id }, owner),
    })
    .returning()
    .get();
  return openConsultantFields(row, owner);
}

export async function createMember(args: {
  organizationId: string;
  role: Role;
  email?: string;
  preferredName?: string;
  deactivated?: boolean;
}) {
  const suffix = randomUUID().slice(0, 8);
  const email = args.email ?? `${args.role}-${suffix}@example.test`;
  const preferredName = args.preferredName ?? `Test ${args.role} ${suffix}`;
  const user = db
    .insert(users)
    .values({ email, preferredName, passwordHash: await testPasswordHash() })
    .returning()
    .get();
  const membership = db
    .insert(memberships)
    .values({
      userId: user.id,
      organizationId: args.organizationId,
      role: args.role,
      deactivatedAt: args.deactivated ? new Date() : null,
    })
    .returning()
    .get();
  return {
    userId: user.id,
    email,
    preferredName,
    membershipId: membership.id,
    organizationId: args.organizationId,
    role: args.role,
  };
}

export function addMembership(userId: string, organizationId: string, role: Role) {
  return db.insert(memberships).values({ userId, organizationId, role }).returning().get();
}

/** Signs a user in as the login action would and returns the Cookie header value. */
/**
 * The Cookie header of a new session of this user. It passed the second step only when asked
 * (as after a code from the app), the password alone otherwise.
 */
export async function cookieFor(userId: string, strength: SignInStrength = "password") {
  const setCookie = await startSession(new Request("http://localhost/login", { method: "POST" }), userId, { strength });
  return setCookie.split(";")[0]!;
}

/** Two organizations, each with an admin, a staff member and two consultants. */
export async function createTwoOrganizations() {
  const make = async () => {
    const org = createOrganization();
    const [admin, staff, consultant, otherConsultant] = await Promise.all([
      createMember({ organizationId: org.id, role: "admin" }),
      createMember({ organizationId: org.id, role: "staff" }),
      createMember({ organizationId: org.id, role: "consultant" }),
      createMember({ organizationId: org.id, role: "consultant" }),
    ]);
    // Each consultant login has its record in the organization, as after accepting an invitation.
    const record = createConsultantRecord(org.id, { userId: consultant!.userId, email: consultant!.email });
    const program = createProgramRecord(org.id);
    const engagement = createEngagementRecord(org.id, record.id, program.id);
    const payment = db
      .insert(payments)
      .values({
        organizationId: org.id,
        engagementId: engagement.id,
        consultantId: record.id,
        feeCents: 12000,
        method: "check",
      })
      .returning()
      .get();
    const otherRecord = createConsultantRecord(org.id, {
      userId: otherConsultant!.userId,
      email: otherConsultant!.email,
    });
    return {
      org,
      admin: admin!,
      staff: staff!,
      consultant: { ...consultant!, consultantId: record.id },
      otherConsultant: { ...otherConsultant!, consultantId: otherRecord.id },
      programId: program.id,
      engagementId: engagement.id,
      paymentId: payment.id,
    };
  };
  return { own: await make(), other: await make() };
}

/** A program, for engagement tests. */
export function createProgramRecord(organizationId: string, name = `Program ${randomUUID().slice(0, 8)}`) {
  return db.insert(programs).values({ organizationId, name }).returning().get();
}

/** An engagement with plain defaults (proposed, hourly at $60, delivery stage). */
export function createEngagementRecord(
  organizationId: string,
  consultantId: string,
  programId: string,
  values: Partial<typeof engagements.$inferInsert> = {},
) {
  return db
    .insert(engagements)
    .values({
      organizationId,
      consultantId,
      programId,
      stage: "delivery",
      level: "consult",
      title: "Co-facilitate a training",
      scopeWhat: "Two sessions",
      rateKind: "hourly",
      rateCents: 6000,
      paymentDueDays: 30,
      ...values,
    })
    .returning()
    .get();
}

/**
 * A planned use in the uses register, written straight into the table (as the demo seed does), so
 * a test has a use to open without first recording consent. `purposeKey` is a default purpose's key.
 */
export function createConsentUseRecord(
  organizationId: string,
  consultantId: string,
  values: Partial<typeof consentUses.$inferInsert> & { purposeKey?: string } = {},
) {
  const { purposeKey = "story", ...rest } = values;
  const purpose = db
    .select({ id: consentPurposes.id })
    .from(consentPurposes)
    .where(and(eq(consentPurposes.organizationId, organizationId), eq(consentPurposes.systemKey, purposeKey)))
    .get()!;
  return db
    .insert(consentUses)
    .values({
      organizationId,
      consultantId,
      purposeId: purpose.id,
      description: "Quote in the newsletter",
      place: "Newsletter",
      status: "planned",
      ...rest,
    })
    .returning()
    .get();
}
