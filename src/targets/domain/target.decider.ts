import { planSettingsOf } from '../../catalog/domain/plan-settings';
import { isDecimalString } from '../../shared/decimal';
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
  IndicatorSnapshot,
  ProgressReport,
  ReportProgress,
  TargetCommand,
  TargetEvent,
  TargetState,
  WithdrawTarget,
} from './target.types';
import { targetValueProblems } from './target-value';

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
        return state && {
          ...state,
          assessment: event.data.assessment ?? state.assessment,
          work: event.data.work ?? state.work,
        };
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
  const problems = [
    ...targetValueProblems(command.assessment, kind, unit, 'assessment'),
    ...(command.work ? targetValueProblems(command.work, kind, unit, 'work') : []),
    ...decimalProblem(command.baseline, 'baseline'),
    ...decimalProblem(command.weight, 'weight'),
  ];
  refuseIf(problems);
  return [{ type: 'TargetAssigned', data }];
}

function adjust(command: AdjustTarget, state: AssignedTarget): TargetEvent[] {
  const { kind, unitOfMeasure } = state.indicator;
  const problems: FieldError[] = [
    ...required(command.reason, 'reason', '调整原因 reason'),
    ...required(command.approvalDocument, 'approvalDocument', '批准文件 approvalDocument'),
    ...(command.assessment ? targetValueProblems(command.assessment, kind, unitOfMeasure, 'assessment') : []),
    ...(command.work ? targetValueProblems(command.work, kind, unitOfMeasure, 'work') : []),
  ];
  if (!command.assessment && !command.work) {
    problems.push({ field: 'assessment', message: '请给出新的考核目标或工作目标 / give a new assessment or work target' });
  }
  refuseIf(problems);
  const changesAssessment = command.assessment && !sameContent(command.assessment, state.assessment);
  const changesWork = command.work && !sameContent(command.work, state.work);
  if (!changesAssessment && !changesWork) {
    throw new DomainError('validation', 'nothing-to-adjust', '新目标与现行目标相同 / The new target equals the current one', [
      { field: command.assessment ? 'assessment' : 'work', message: '与现行目标相同 / same as the current target' },
    ]);
  }
  const { type: _type, ...data } = command;
  return [{ type: 'TargetAdjusted', data }];
}

function report(command: ReportProgress, state: AssignedTarget): TargetEvent[] {
  refuseIf(periodProblems(command.period, state.indicator, shanghaiDate(command.reportedAt)));
  if (state.reports[command.period]) {
    throw conflict(
      'period-already-reported',
      `${command.period} 的进度已报送；如需修改请提交更正 / ${command.period} is already reported: submit a correction instead`,
      { correctionUrl: `/api/targets/${state.targetId}/progress/${command.period}/corrections` },
    );
  }
  refuseIf(progressProblems(command.report, state.indicator.kind));
  const unitOfMeasure = command.report.value !== undefined ? unitOf(state) : undefined;
  return [{ type: 'ProgressReported', data: { period: command.period, ...(unitOfMeasure ? { unitOfMeasure } : {}), ...command.report } }];
}

function correct(command: CorrectProgress, state: AssignedTarget): TargetEvent[] {
  refuseIf([
    ...(isValidPeriod(command.period) ? [] : [{ field: 'period', message: '报送期应为 YYYY-MM / period must be YYYY-MM' }]),
    ...required(command.reason, 'reason', '更正原因 reason'),
  ]);
  const current = state.reports[command.period];
  if (!current) {
    throw notFound('report-not-found', `${command.period} 尚未报送，无从更正 / No report for ${command.period} to correct`);
  }
  const merged = { ...current, ...command.correction };
  refuseIf(progressProblems(merged, state.indicator.kind));
  if (sameContent(merged, current)) {
    throw new DomainError('validation', 'nothing-to-correct', '更正内容与原报送相同 / The correction changes nothing', [
      { field: 'value', message: '与原报送相同 / same as reported' },
    ]);
  }
  return [{ type: 'ProgressCorrected', data: { period: command.period, reason: command.reason, ...command.correction } }];
}

function withdraw(command: WithdrawTarget, _state: AssignedTarget): TargetEvent[] {
  refuseIf([...required(command.reason, 'reason', '撤销原因 reason'), ...required(command.document, 'document', '批准文件 document')]);
  return [{ type: 'TargetWithdrawn', data: { reason: command.reason, document: command.document } }];
}

function unitOf(state: AssignedTarget): string {
  return state.assessment.unitOfMeasure ?? state.indicator.unitOfMeasure;
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
    return [{ field: 'period', message: `报送期必须在计划年度 ${planYear} 内 / period must be within the plan year ${planYear}` }];
  }
  if (period > periodOfDate(today)) {
    return [{ field: 'period', message: `不能报送未来月份（今天是 ${today}）/ period ${period} is in the future (today is ${today})` }];
  }
  const { reportableFromDay } = planSettingsOf(indicator.planSettings);
  if (period === periodOfDate(today) && Number(today.slice(8, 10)) < reportableFromDay) {
    return [{
      field: 'period',
      message: `当月进度须在 ${period} 的 ${reportableFromDay} 日起报送（今天是 ${today}）/ ${period} can be reported from day ${reportableFromDay} of the month on (today is ${today})`,
    }];
  }
  return [];
}

function required(value: string | undefined, field: string, label: string): FieldError[] {
  return value && value.trim() ? [] : [{ field, message: `${label} 必填 / ${field} is required` }];
}

function decimalProblem(value: string | undefined, field: string): FieldError[] {
  return value === undefined || isDecimalString(value)
    ? []
    : [{ field, message: '必须是十进制数字字符串 / must be a decimal string' }];
}
