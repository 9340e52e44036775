// Demo data: `npm run db:seed` seeds whichever database DATABASE_URL names. Safe to run again:
// existing demo records are found and kept, never duplicated.
import { and, eq } from "drizzle-orm";
import { memberships, organizations, users, type Role } from "../schema";
import { db } from "../../app/utils/db.server";
import { hashPassword } from "../../app/utils/auth.server";
import { resolveDatabasePath } from "../connection";

export const DEMO_PASSWORD = "demo-password-1";

export const DEMO_ORGANIZATIONS = [
  {
    name: "Harbor Light Collective",
    people: [
      { email: "admin@demo.test", preferredName: "Dana", role: "admin" },
      { email: "staff@demo.test", preferredName: "Sam", role: "staff" },
      { email: "ana@demo.test", preferredName: "Ana", role: "consultant" },
      { email: "ben@demo.test", preferredName: "Ben", role: "consultant" },
    ],
  },
  {
    name: "Northwind Alliance",
    people: [
      { email: "staff@northwind.test", preferredName: "Noor", role: "staff" },
      { email: "cam@northwind.test", preferredName: "Cam", role: "consultant" },
    ],
  },
] as const satisfies readonly {
  name: string;
  people: readonly { email: string; preferredName: string; role: Role }[];
}[];

function ensureOrganization(name: string) {
  const existing = db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, name)).get();
  return existing?.id ?? db.insert(organizations).values({ name }).returning({ id: organizations.id }).get().id;
}

function ensureUser(email: string, preferredName: string, passwordHash: string) {
  const existing = db.select({ id: users.id }).from(users).where(eq(users.email, email)).get();
  return (
    existing?.id ?? db.insert(users).values({ email, preferredName, passwordHash }).returning({ id: users.id }).get().id
  );
}

function ensureMembership(userId: string, organizationId: string, role: Role) {
  const existing = db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.organizationId, organizationId)))
    .get();
  if (!existing) db.insert(memberships).values({ userId, organizationId, role }).run();
}

export async function seedDemo() {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  db.transaction(() => {
    for (const org of DEMO_ORGANIZATIONS) {
      const organizationId = ensureOrganization(org.name);
      for (const person of org.people) {
        const userId = ensureUser(person.email, person.preferredName, passwordHash);
        ensureMembership(userId, organizationId, person.role);
      }
    }
  });
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  await seedDemo();
  console.info(`Demo organizations are ready in ${resolveDatabasePath()}`);
}
