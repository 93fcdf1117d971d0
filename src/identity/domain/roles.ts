/**
 * Roles (角色). A user may hold several; `unit` and `verifier` act for the user's one unit.
 * - office   督查室: everything
 * - unit     责任单位填报员: its own unit's targets, progress, corrections, warning acknowledgements
 * - verifier 考核认定单位: reads, and verifies the indicators it is assigned
 * - leader   领导: reads everything, writes nothing
 * - auditor  审计: reads everything, including the audit log
 */
export const ROLES = ['office', 'unit', 'verifier', 'leader', 'auditor'] as const;

export type Role = (typeof ROLES)[number];

/** Roles that act for one unit and so need the user's unitCode. */
export const UNIT_ROLES: readonly Role[] = ['unit', 'verifier'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Deduplicated, in the canonical order of ROLES, so equal role sets compare equal. */
export function canonicalRoles(roles: readonly Role[]): Role[] {
  return ROLES.filter((role) => roles.includes(role));
}

export function sameRoles(a: readonly Role[], b: readonly Role[]): boolean {
  const x = canonicalRoles(a);
  const y = canonicalRoles(b);
  return x.length === y.length && x.every((role, i) => role === y[i]);
}

export function needsUnit(roles: readonly Role[]): boolean {
  return roles.some((role) => UNIT_ROLES.includes(role));
}
