import type { Messages } from '../i18n/zh-CN';

export interface NavItem {
  path: string;
  label: keyof Messages['nav'];
  roles: string[];
}

/**
 * The left navigation by role (workbench.md "Look"); a page's own guard uses the same roles.
 * Only pages that exist are listed (a page's capability adds its entry with the page).
 */
export const NAV: NavItem[] = [
  { path: '/', label: 'dashboard', roles: ['office', 'leader', 'auditor', 'verifier'] },
  { path: '/targets', label: 'targets', roles: ['office', 'leader', 'auditor', 'verifier'] },
  { path: '/report', label: 'report', roles: ['unit'] },
  { path: '/channels', label: 'channels', roles: ['office'] },
  { path: '/bulletins', label: 'bulletins', roles: ['office', 'leader', 'auditor'] },
  { path: '/imports', label: 'imports', roles: ['office', 'unit'] },
  // The roles each API route allows: warnings for every reader (units see their own), audit for office and auditor.
  { path: '/warnings', label: 'warnings', roles: ['office', 'leader', 'auditor', 'verifier', 'unit'] },
  { path: '/reconciliation', label: 'reconciliation', roles: ['office', 'leader', 'auditor', 'verifier'] },
  { path: '/audit', label: 'audit', roles: ['office', 'auditor'] },
  { path: '/users', label: 'users', roles: ['office'] },
  { path: '/plans', label: 'plans', roles: ['office'] },
];

export function navFor(roles: readonly string[]): NavItem[] {
  return NAV.filter((item) => item.roles.some((r) => roles.includes(r)));
}

export function rolesOf(path: string): string[] {
  return NAV.find((item) => item.path === path)?.roles ?? [];
}
