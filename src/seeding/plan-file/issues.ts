import { IssueSeverity, PlanFileIssue } from './types';

export interface IssueLocation {
  line?: number;
  path?: string;
  field?: string;
}

/** Collects issues; messages are Chinese first, then English. */
export class IssueList {
  readonly items: PlanFileIssue[] = [];

  add(severity: IssueSeverity, file: string, at: IssueLocation, zh: string, en: string): void {
    const issue: PlanFileIssue = { severity, file, message: `${zh} ${en}` };
    if (at.line !== undefined) issue.line = at.line;
    if (at.path !== undefined && at.path !== '') issue.path = at.path;
    if (at.field !== undefined) issue.field = at.field;
    this.items.push(issue);
  }

  error(file: string, at: IssueLocation, zh: string, en: string): void {
    this.add('error', file, at, zh, en);
  }

  warn(file: string, at: IssueLocation, zh: string, en: string): void {
    this.add('warning', file, at, zh, en);
  }

  get errors(): PlanFileIssue[] {
    return this.items.filter((i) => i.severity === 'error');
  }

  get warnings(): PlanFileIssue[] {
    return this.items.filter((i) => i.severity === 'warning');
  }
}

/** `file:line path (field): message`, e.g. `targets/指标02.csv:12 (unit): 未知单位代码 Unknown unit code 'xx'`. */
export function formatIssue(issue: PlanFileIssue): string {
  const where = issue.line !== undefined ? `${issue.file}:${issue.line}` : issue.file;
  const path = issue.path ? ` ${issue.path}` : '';
  const field = issue.field ? ` (${issue.field})` : '';
  const level = issue.severity === 'warning' ? ' [warning]' : '';
  return `${where}${path}${field}${level}: ${issue.message}`;
}
