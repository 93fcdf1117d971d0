/**
 * What notifies whom (通知规则表): per kind of notification, the recipients and the channels. The
 * defaults are here; the configuration (`notificationRules`) overrides them for every plan
 * (`default`) and per plan (`plans.<planCode>`).
 */
export const NOTIFICATION_KINDS = [
  'warning_raised',
  'warning_escalated',
  'warning_cleared',
  'report_reminder',
  'report_overdue',
  'urging',
  'urging_overdue',
  'urging_replied',
  'follower_quarantined',
  'bulletin_issued',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** `unit`: the unit's reporters; `leadUnit`: the indicator's lead department's reporters; `office`, `leader`: by role. */
export const RECIPIENT_GROUPS = ['unit', 'leadUnit', 'office', 'leader'] as const;
export type RecipientGroup = (typeof RECIPIENT_GROUPS)[number];

/** `inApp` always applies to the recipients; `email` to those with an address who did not opt out; `channels` to the office's channels whose filter matches. */
export const RULE_CHANNELS = ['inApp', 'email', 'channels'] as const;
export type RuleChannel = (typeof RULE_CHANNELS)[number];

export interface NotificationRule {
  enabled: boolean;
  recipients: RecipientGroup[];
  channels: RuleChannel[];
}

export interface NotificationRuleTable {
  rules: Record<NotificationKind, NotificationRule>;
  /** Reminders (临期提醒) this many working days before the due day. */
  reminderWorkingDays: number[];
  /** A due day on a rest day moves to the next working day (reminders and the overdue notice follow it). */
  dueDayMovesToWorkingDay: boolean;
}

const ALL: RuleChannel[] = ['inApp', 'email', 'channels'];

export const DEFAULT_RULES: NotificationRuleTable = {
  rules: {
    warning_raised: { enabled: true, recipients: ['unit', 'leadUnit'], channels: ALL },
    warning_escalated: { enabled: true, recipients: ['unit', 'leadUnit', 'office', 'leader'], channels: ALL },
    warning_cleared: { enabled: true, recipients: ['unit'], channels: ['inApp'] },
    report_reminder: { enabled: true, recipients: ['unit'], channels: ALL },
    report_overdue: { enabled: true, recipients: ['unit'], channels: ALL },
    urging: { enabled: true, recipients: ['unit'], channels: ALL },
    urging_overdue: { enabled: true, recipients: ['office', 'leader'], channels: ALL },
    urging_replied: { enabled: true, recipients: ['office'], channels: ['inApp'] },
    // An operations alarm: the office's staff (in-app and their email), not the units' robot groups.
    follower_quarantined: { enabled: true, recipients: ['office'], channels: ['inApp', 'email'] },
    // A bulletin 通报 issued: each unit it ranks, in-app and by email (its robot groups read the circular itself).
    bulletin_issued: { enabled: true, recipients: ['unit'], channels: ['inApp', 'email'] },
  },
  reminderWorkingDays: [3, 1],
  dueDayMovesToWorkingDay: true,
};

interface RuleOverrides {
  rules?: Partial<Record<NotificationKind, Partial<NotificationRule>>>;
  reminderWorkingDays?: number[];
  dueDayMovesToWorkingDay?: boolean;
}

export class InvalidNotificationRulesError extends Error {
  constructor(problems: string[]) {
    super(`通知规则无效 / Invalid notificationRules:\n  - ${problems.join('\n  - ')}`);
  }
}

/** The rule table of every plan and of each plan that overrides it; validated at boot. */
export class NotificationRules {
  private readonly base: NotificationRuleTable;
  private readonly perPlan = new Map<string, NotificationRuleTable>();

  constructor(config?: Record<string, unknown>) {
    const problems: string[] = [];
    const { default: base, plans, ...rest } = (config ?? {}) as { default?: unknown; plans?: unknown };
    for (const key of Object.keys(rest)) problems.push(`notificationRules.${key}: unknown (use default or plans)`);
    this.base = merge(DEFAULT_RULES, base, 'notificationRules.default', problems);
    if (plans !== undefined) {
      if (!isObject(plans)) problems.push('notificationRules.plans: must be an object keyed by plan code');
      else
        for (const [code, o] of Object.entries(plans))
          this.perPlan.set(code, merge(this.base, o, `notificationRules.plans.${code}`, problems));
    }
    if (problems.length) throw new InvalidNotificationRulesError(problems);
  }

  forPlan(planCode: string | undefined): NotificationRuleTable {
    return (planCode && this.perPlan.get(planCode)) || this.base;
  }

  rule(kind: NotificationKind, planCode: string | undefined): NotificationRule {
    return this.forPlan(planCode).rules[kind];
  }
}

function merge(table: NotificationRuleTable, raw: unknown, path: string, problems: string[]): NotificationRuleTable {
  if (raw === undefined) return table;
  if (!isObject(raw)) {
    problems.push(`${path}: must be an object`);
    return table;
  }
  const o = raw as RuleOverrides;
  const rules = { ...table.rules };
  for (const [kind, rule] of Object.entries(o.rules ?? {})) {
    if (!(NOTIFICATION_KINDS as readonly string[]).includes(kind)) {
      problems.push(`${path}.rules.${kind}: unknown kind (one of ${NOTIFICATION_KINDS.join(', ')})`);
      continue;
    }
    const r = rule as Partial<NotificationRule>;
    const bad = (list: unknown, allowed: readonly string[]) =>
      !Array.isArray(list) || list.some((x) => !allowed.includes(x as string));
    if (r.recipients !== undefined && bad(r.recipients, RECIPIENT_GROUPS))
      problems.push(`${path}.rules.${kind}.recipients: a list of ${RECIPIENT_GROUPS.join(', ')}`);
    if (r.channels !== undefined && bad(r.channels, RULE_CHANNELS))
      problems.push(`${path}.rules.${kind}.channels: a list of ${RULE_CHANNELS.join(', ')}`);
    if (r.enabled !== undefined && typeof r.enabled !== 'boolean')
      problems.push(`${path}.rules.${kind}.enabled: true or false`);
    rules[kind as NotificationKind] = { ...rules[kind as NotificationKind], ...r };
  }
  const days = o.reminderWorkingDays;
  if (days !== undefined && (!Array.isArray(days) || days.some((d) => !Number.isInteger(d) || d < 1 || d > 20))) {
    problems.push(`${path}.reminderWorkingDays: a list of whole numbers 1–20`);
  }
  if (o.dueDayMovesToWorkingDay !== undefined && typeof o.dueDayMovesToWorkingDay !== 'boolean') {
    problems.push(`${path}.dueDayMovesToWorkingDay: true or false`);
  }
  return {
    rules,
    reminderWorkingDays: days ?? table.reminderWorkingDays,
    dueDayMovesToWorkingDay: o.dueDayMovesToWorkingDay ?? table.dueDayMovesToWorkingDay,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
