// Who may do what: the one list. Routes ask it before they show or accept something
// (`requirePermission`, `can`), and the model functions that change money, consent or access ask it
// again themselves (`assertCan`), so a new route cannot forget the rule.
import type { Role } from "../../db/schema";
import { ForbiddenError } from "./errors";

export const PERMISSIONS = {
  /** Staff pages: the consultant directory, engagements, payments, feedback, assessments, reports. */
  "staff-pages:use": ["admin", "staff"],
  /** The consultant's own portal. */
  "portal:use": ["consultant"],

  /** Record a payment owed; it then waits for an admin. */
  "payment:record": ["admin", "staff"],
  /** Approve, mark paid and void: the steps that move money. */
  "payment:approve": ["admin"],
  "payment:mark-paid": ["admin"],
  "payment:void": ["admin"],
  /** Undo a mistaken "paid", with a reason. */
  "payment:reverse": ["admin"],

  /** Legal names and tax details (1099 work) are seen by admins only. */
  "tax-details:read": ["admin"],

  /** Record a consent choice the consultant gave on paper or out loud. */
  "consent:record": ["admin", "staff"],
  /** Go ahead with a use of someone's story without a current "yes", with a reason. */
  "consent-use:override": ["admin"],

  /** Issue a consultant's letter of experience, signed, and revoke one. */
  "experience-letter:issue": ["admin"],

  /** Delete a consultant's information, and answer their requests to be deleted. */
  "consultant:erase": ["admin"],

  /** Invite staff, change roles, deactivate members. */
  "members:manage": ["admin"],
  /** The organization's settings: time zone, pay, consent purposes, activities, checklist, security. */
  "settings:manage": ["admin"],
  /** Read the audit log. */
  "audit:read": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** The roles that hold a permission. */
export function rolesWith(permission: Permission): readonly Role[] {
  return PERMISSIONS[permission];
}

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Refuses, in the model itself, an action the person's role does not allow. */
export function assertCan(role: Role, permission: Permission, message?: string): void {
  if (!can(role, permission)) throw new ForbiddenError(message);
}
