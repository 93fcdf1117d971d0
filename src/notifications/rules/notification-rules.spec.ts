import { DEFAULT_RULES, InvalidNotificationRulesError, NotificationRules } from './notification-rules';

describe('NotificationRules', () => {
  it('has the defaults: raised → unit and lead unit, escalated → also office and leaders, cleared in-app only', () => {
    const rules = new NotificationRules();
    expect(rules.rule('warning_raised', 'p')).toEqual({
      enabled: true,
      recipients: ['unit', 'leadUnit'],
      channels: ['inApp', 'email', 'channels'],
    });
    expect(rules.rule('warning_escalated', 'p').recipients).toEqual(['unit', 'leadUnit', 'office', 'leader']);
    expect(rules.rule('warning_cleared', 'p').channels).toEqual(['inApp']);
    expect(rules.forPlan('p').reminderWorkingDays).toEqual([3, 1]);
  });

  it('lets the configuration override every plan and one plan', () => {
    const rules = new NotificationRules({
      default: { reminderWorkingDays: [5] },
      plans: { 'jd-2022': { rules: { warning_cleared: { enabled: false } }, dueDayMovesToWorkingDay: false } },
    });
    expect(rules.forPlan('jd-2021').reminderWorkingDays).toEqual([5]);
    expect(rules.forPlan('jd-2022')).toMatchObject({ reminderWorkingDays: [5], dueDayMovesToWorkingDay: false });
    expect(rules.rule('warning_cleared', 'jd-2022').enabled).toBe(false);
    expect(rules.rule('warning_cleared', 'jd-2021')).toEqual(DEFAULT_RULES.rules.warning_cleared);
  });

  it('refuses unknown kinds, recipients and channels, naming the setting', () => {
    expect(() => new NotificationRules({ default: { rules: { warning_lost: {} } } })).toThrow(
      /notificationRules.default.rules.warning_lost/,
    );
    expect(() => new NotificationRules({ plans: { p: { rules: { urging: { recipients: ['everyone'] } } } } })).toThrow(
      InvalidNotificationRulesError,
    );
    expect(() => new NotificationRules({ default: { reminderWorkingDays: [0] } })).toThrow(/reminderWorkingDays/);
    expect(() => new NotificationRules({ other: 1 })).toThrow(/notificationRules.other/);
  });
});
