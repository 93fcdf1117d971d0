/** The API's roles (src/identity/domain/roles.ts), in its canonical order; `unit` and `verifier` act for one unit. */
export const ROLES = ['office', 'unit', 'verifier', 'leader', 'auditor'] as const;
export const UNIT_ROLES: readonly string[] = ['unit', 'verifier'];

export const needsUnit = (roles: readonly string[] | undefined) => (roles ?? []).some((r) => UNIT_ROLES.includes(r));

export interface UserFilter {
  text?: string;
  role?: string;
  state?: 'enabled' | 'disabled';
}

/** The users a filter keeps: text in the username or name (case-insensitive), a role held, a state. */
export function filterUsers<T extends { username: string; displayName: string; roles: string[]; disabled?: boolean }>(
  users: readonly T[],
  filter: UserFilter,
): T[] {
  const text = filter.text?.trim().toLowerCase();
  return users.filter(
    (u) =>
      (!text || u.username.toLowerCase().includes(text) || u.displayName.toLowerCase().includes(text)) &&
      (!filter.role || u.roles.includes(filter.role)) &&
      (!filter.state || (filter.state === 'disabled') === !!u.disabled),
  );
}
