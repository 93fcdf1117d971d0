/**
 * Policies of a plan (计划设置) that the issue tracker asked to be settings rather than code. Stored on
 * the plan as given; `planSettingsOf` fills the defaults so every reader sees the same values.
 */
export interface PlanSettings {
  /** A month can be reported from this day of that month on (Asia/Shanghai), 1–28; default 25. */
  reportableFromDay: number;
  /** A target of 0 needs a monthly report and can be overdue; default false (it needs none). */
  zeroTargetRequiresReport: boolean;
}

export const DEFAULT_PLAN_SETTINGS: Readonly<PlanSettings> = Object.freeze({
  reportableFromDay: 25,
  zeroTargetRequiresReport: false,
});

/** The settings in force: the plan's own, the defaults for what it leaves out. */
export function planSettingsOf(settings: Partial<PlanSettings> | undefined): PlanSettings {
  return { ...DEFAULT_PLAN_SETTINGS, ...(settings ?? {}) };
}
