import type { Messages } from '../i18n/zh-CN';

export interface NavItem {
  path: string;
  label: keyof Messages['nav'];
  roles: string[];
}

/** The left navigation by role (workbench.md "Look"); a page's own guard uses the same roles. */
export const NAV: NavItem[] = [
  { path: '/', label: 'dashboard', roles: ['office', 'leader', 'auditor', 'verifier'] },
  { path: '/targets', label: 'targets', roles: ['office', 'leader', 'auditor', 'verifier'] },
  { path: '/report', label: 'report', roles: ['unit'] },
  { path: '/warnings', label: 'warnings', roles: ['office', 'leader', 'auditor', 'verifier', 'unit'] },
  { path: '/reconciliation', label: 'reconciliation', roles: ['office', 'leader', 'auditor', 'verifier'] },
  { path: '/audit', label: 'audit', roles: ['office', 'auditor'] },
  { path: '/users', label: 'users', roles: ['office'] },
];

export function navFor(roles: readonly string[]): NavItem[] {
  return NAV.filter((item) => item.roles.some((r) => roles.includes(r)));
}

export function rolesOf(path: string): string[] {
  return NAV.find((item) => item.path === path)?.roles ?? [];
}
