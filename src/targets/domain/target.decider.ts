import { planSettingsOf } from '../../catalog/domain/plan-settings';
import { dec } from '../../shared/decimal';
import { DECIMAL_STRING_PATTERN } from '../../shared/validation/input-limits';
import { figureProblems } from '../../shared/validation/figures';
import { dictionary, withEntry } from '../../shared/validation/dictionary';
import { assertNever, Decider } from '../../shared/event-sourcing/decider';
import { sameContent } from '../../shared/event-sourcing/same-content';
import { conflict, DomainError, FieldError, notFound, refuseIf } from '../../shared/problems/domain-error';
import { isValidPeriod, parsePeriod, periodOfDate, shanghaiDate } from '../../rules';
import { progressProblems } from './progress-values';
import {
  AdjustTarget,
  AssignTarget,
  AssignedTarget,
  CorrectProgress,
  DecreaseConfirmation,
  IndicatorSnapshot,
  ProgressReport,
  ReportProgress,
  TargetCommand,
  TargetEvent,
  TargetState,
  WithdrawTarget,
  YearToDateDecrease,
} from './target.types';
import { governingTarget, TargetValue, targetValueProblems } from './target-value';

/** The target aggregate (目标): one stream per target; every change is an event. */
export const targetDecider: Decider<TargetCommand, TargetEvent, TargetState> = {
  initialState: null,
  decide(command, state) {
    switch (command.type) {
      case 'AssignTarget':
        return assign(command, state);
      case 'AdjustTarget':
        return adjust(command, active(state));
      case 'ReportProgress':
        return report(command, active(state));
      case 'CorrectProgress':
        return correct(command, active(state));
      case 'WithdrawTarget':
        return withdraw(command, active(state));
      default:
        return assertNever(command);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'TargetAssigned':
        return { ...event.data, withdrawn: false, reports: dictionary<ProgressReport>() };
      case 'TargetAdjusted':
        return (
          state && {
            ...state,
            assessment: event.data.assessment ?? state.assessment,
            work: event.data.work ?? state.work,
          }
        );
      case 'ProgressReported': {
        if (!state) return state;
        const { period, unitOfMeasure: _unit, ...report } = event.data;
        return { ...state, reports: withEntry(state.reports, period, report) };
      }
      case 'ProgressCorrected': {
        if (!state) return state;
        const { period, reason: _reason, ...correction } = event.data;
        return { ...state, reports: withEntry(state.reports, period, { ...state.reports[period], ...correction }) };
      }
      case 'TargetWithdrawn':
        return state && { ...state, withdrawn: true };
      default:
        return assertNever(event);
    }
  },
};

function assign(command: AssignTarget, state: TargetState): TargetEvent[] {
  const { type: _type, ...data } = command;
  if (state !== null) {
    const { withdrawn: _w, reports: _r, ...current } = state;
    if (sameContent(current, data)) return [];
    throw conflict(
      'target-exists',
      `该单位在此指标下已有目标，请用调整 / A target for this plan, indicator and unit exists already: adjust it instead`,
      { targetId: state.targetId },
    );
  }
  const kind = command.indicator.kind;
  const unit = command.indicator.unitOfMeasure;
  const allowNegative = command.indicator.allowNegative;
  const problems: FieldError[] = [
    ...(command.assessment ? targetValueProblems(command.assessment, kind, unit, 'assessment', { allowNegative }) : []),
    ...(command.work ? targetValueProblems(command.work, kind, unit, 'work', { allowNegative }) : []),
    ...figureProblems(command.baseline, 'baseline', {
      unitOfMeasure: governingTarget(command).unitOfMeasure ?? unit,
      allowNegative,
    }),
    ...figureProblems(command.weight, 'weight'),
  ];
  if (!command.assessment && !command.work) {
    problems.push({
      field: 'assessment',
      message:
        '请给出考核目标或工作目标 / give an assessment or a work target (a plan of work targets only gives work)',
    });
  }
  refuseIf(problems);
  return [{ type: 'TargetAssigned', data }];
}

function adjust(command: AdjustTarget, state: AssignedTarget): TargetEvent[] {
  const { kind, unitOfMeasure, allowNegative } = state.indicator;
  // An adjustment changes what it names and keeps the rest (the unit of measure above all).
  const assessment = command.assessment && adjusted(state.assessment, command.assessment);
  const work = command.work && adjusted(state.work, command.work);
  const problems: FieldError[] = [
    ...required(command.reason, 'reason', '调整原因 reason'),
    ...required(command.approvalDocument, 'approvalDocument', '批准文件 approvalDocument'),
    ...(assessment ? targetValueProblems(assessment, kind, unitOfMeasure, 'assessment', { allowNegative }) : []),
    ...(work ? targetValueProblems(work, kind, unitOfMeasure, 'work', { allowNegative }) : []),
  ];
  if (!assessment && !work) {
    problems.push({
      field: 'assessment',
      message: '请给出新的考核目标或工作目标 / give a new assessment or work target',
    });
  }
  refuseIf(problems);
  const changesAssessment = assessment && !sameContent(assessment, state.assessment);
  const changesWork = work && !sameContent(work, state.work);
  if (!changesAssessment && !changesWork) {
    throw new DomainError(
      'validation',
      'nothing-to-adjust',
      '新目标与现行目标相同 / The new target equals the current one',
      [{ field: command.assessment ? 'assessment' : 'work', message: '与现行目标相同 / same as the current target' }],
    );
  }
  const { type: _type, ...rest } = command;
  return [
    { type: 'TargetAdjusted', data: { ...rest, ...(assessment ? { assessment } : {}), ...(work ? { work } : {}) } },
  ];
}

/**
 * The current target with the named fields replaced. The printed text describes the old figures, so
 * it goes when a figure changes and the adjustment does not restate it.
 */
function adjusted(current: TargetValue | undefined, given: TargetValue): TargetValue {
  const named = definedMembers(given);
  const merged: TargetValue = { ...current, ...named };
  const figureChanged = (['total', 'growthPct', 'deadline', 'rank'] as const).some(
    (f) => named[f] !== undefined && named[f] !== current?.[f],
  );
  if (figureChanged && named.text === undefined) delete merged.text;
  return merged;
}

function report(command: ReportProgress, state: AssignedTarget): TargetEvent[] {
  // A bad figure is a 400 before an already reported period is a 409.
  refuseIf([
    ...periodProblems(command.period, state.indicator, shanghaiDate(command.reportedAt)),
    ...progressProblems(command.report, state.indicator.kind, figureRules(state)),
  ]);
  if (state.reports[command.period]) {
    throw conflict(
      'period-already-reported',
      `${command.period} 的进度已报送；如需修改请提交更正 / ${command.period} is already reported: submit a correction instead`,
      { correctionUrl: `/api/targets/${state.targetId}/progress/${command.period}/corrections` },
    );
  }
  const decrease = confirmedDecrease(state, command.period, command.report.value, command.decrease);
  const unitOfMeasure = command.report.value !== undefined ? unitOf(state) : undefined;
  return [
    {
      type: 'ProgressReported',
      data: {
        period: command.period,
        ...(unitOfMeasure ? { unitOfMeasure } : {}),
        ...command.report,
        ...(decrease ? { yearToDateDecrease: decrease } : {}),
      },
    },
  ];
}

function correct(given: CorrectProgress, state: AssignedTarget): TargetEvent[] {
  const command = { ...given, correction: definedMembers(given.correction) };
  refuseIf([
    ...(isValidPeriod(command.period)
      ? []
      : [{ field: 'period', message: '报送期应为 YYYY-MM / period must be YYYY-MM' }]),
    ...required(command.reason, 'reason', '更正原因 reason'),
    ...progressProblems(command.correction, state.indicator.kind, figureRules(state)).filter(
      (p) => p.field in command.correction,
    ),
  ]);
  const current = state.reports[command.period];
  if (!current) {
    throw notFound(
      'report-not-found',
      `${command.period} 尚未报送，无从更正 / No report for ${command.period} to correct`,
    );
  }
  const merged = { ...current, ...command.correction };
  refuseIf(progressProblems(merged, state.indicator.kind).filter((p) => !(p.field in merged)));
  if (sameContent(merged, current)) {
    throw new DomainError('validation', 'nothing-to-correct', '更正内容与原报送相同 / The correction changes nothing', [
      { field: 'value', message: '与原报送相同 / same as reported' },
    ]);
  }
  const decrease = confirmedDecrease(state, command.period, command.correction.value, command.decrease);
  return [
    {
      type: 'ProgressCorrected',
      data: {
        period: command.period,
        reason: command.reason,
        ...command.correction,
        ...(decrease ? { yearToDateDecrease: decrease } : {}),
      },
    },
  ];
}

/** The members that are set (a DTO instance carries its undeclared optional members as undefined). */
function definedMembers<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const isSoundFigure = (value: string | undefined) => value !== undefined && DECIMAL_STRING_PATTERN.test(value);

const figureRules = (state: AssignedTarget) => ({
  unitOfMeasure: unitOf(state),
  allowNegative: state.indicator.allowNegative,
});

/** Kinds whose reported value is a running year-to-date total (累计值), which does not fall by itself. */
const YEAR_TO_DATE_KINDS: ReadonlySet<string> = new Set(['cumulative', 'cumulative_growth']);

/**
 * A year-to-date value below an earlier month's (or above a later month's) is accepted only with an
 * explicit confirmation and a reason, and the event then carries the mark.
 */
function confirmedDecrease(
  state: AssignedTarget,
  period: string,
  value: string | undefined,
  confirmation: DecreaseConfirmation | undefined,
): YearToDateDecrease | undefined {
  if (value === undefined || !YEAR_TO_DATE_KINDS.has(state.indicator.kind)) return undefined;
  // Only sound earlier figures count: a poison event appended past the boundary (issue 15) is no basis.
  const reported = Object.keys(state.reports)
    .filter((p) => p !== period && isValidPeriod(p) && isSoundFigure(state.reports[p].value))
    .sort();
  const earlier = reported.filter((p) => p < period).pop();
  const later = reported.find((p) => p > period);
  const figure = dec(value);
  const against =
    earlier !== undefined && figure.lt(dec(state.reports[earlier].value!))
      ? earlier
      : later !== undefined && figure.gt(dec(state.reports[later].value!))
        ? later
        : undefined;
  if (against === undefined) return undefined;
  const previousValue = state.reports[against].value!;
  const reason = confirmation?.reason?.trim();
  if (confirmation?.confirmed === true && reason)
    return { comparedWith: against, comparedValue: previousValue, reason };
  const relation = against < period ? `低于 ${against} 的 ${previousValue}` : `高于 ${against} 的 ${previousValue}`;
  const relationEn = against < period ? `below ${against}'s ${previousValue}` : `above ${against}'s ${previousValue}`;
  throw new DomainError(
    'validation',
    'year-to-date-decrease',
    `累计值 ${value} ${relation}：如属实，请确认（confirmDecrease: true）并说明原因（decreaseReason）/ The year-to-date value ${value} is ${relationEn}: confirm it (confirmDecrease: true) with a reason (decreaseReason)`,
    [
      ...(confirmation?.confirmed === true
        ? []
        : [{ field: 'confirmDecrease', message: '累计值下降须确认 / a falling year-to-date value must be confirmed' }]),
      ...(reason
        ? []
        : [{ field: 'decreaseReason', message: '累计值下降须说明原因 / required for a falling year-to-date value' }]),
    ],
    { comparedWith: against, comparedValue: previousValue },
  );
}

function withdraw(command: WithdrawTarget, _state: AssignedTarget): TargetEvent[] {
  refuseIf([
    ...required(command.reason, 'reason', '撤销原因 reason'),
    ...required(command.document, 'document', '批准文件 document'),
  ]);
  return [{ type: 'TargetWithdrawn', data: { reason: command.reason, document: command.document } }];
}

function unitOf(state: AssignedTarget): string {
  return governingTarget(state).unitOfMeasure ?? state.indicator.unitOfMeasure;
}

function active(state: TargetState): AssignedTarget {
  if (state === null) throw notFound('target-not-found', '目标不存在 / Target not found');
  if (state.withdrawn) throw conflict('target-withdrawn', '目标已撤销，不再接受变更或报送 / The target is withdrawn');
  return state;
}

function periodProblems(period: string, indicator: IndicatorSnapshot, today: string): FieldError[] {
  if (!isValidPeriod(period)) return [{ field: 'period', message: '报送期应为 YYYY-MM / period must be YYYY-MM' }];
  const { planYear } = indicator;
  if (parsePeriod(period).year !== planYear) {
    return [
      {
        field: 'period',
        message: `报送期必须在计划年度 ${planYear} 内 / period must be within the plan year ${planYear}`,
      },
    ];
  }
  if (period > periodOfDate(today)) {
    return [
      {
        field: 'period',
        message: `不能报送未来月份（今天是 ${today}）/ period ${period} is in the future (today is ${today})`,
      },
    ];
  }
  const { reportableFromDay } = planSettingsOf(indicator.planSettings);
  if (period === periodOfDate(today) && Number(today.slice(8, 10)) < reportableFromDay) {
    return [
      {
        field: 'period',
        message: `当月进度须在 ${period} 的 ${reportableFromDay} 日起报送（今天是 ${today}）/ ${period} can be reported from day ${reportableFromDay} of the month on (today is ${today})`,
      },
    ];
  }
  return [];
}

function required(value: string | undefined, field: string, label: string): FieldError[] {
  return value && value.trim() ? [] : [{ field, message: `${label} 必填 / ${field} is required` }];
}
