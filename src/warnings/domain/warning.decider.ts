import { previousPeriod } from '../../rules';
import { assertNever, Decider } from '../../shared/event-sourcing/decider';
import { conflict, notFound, refuseIf } from '../../shared/problems/domain-error';
import {
  AcknowledgeWarning,
  ObserveOverdue,
  ObserveStatus,
  OpenWarning,
  TargetWarnings,
  WarningCommand,
  WarningEvent,
  WarningLevel,
  warningIdOf,
} from './warning.types';

/**
 * The warning lifecycle (预警): raised when a target turns yellow or red or a report is overdue,
 * escalated when red lasts two consecutive periods, acknowledged by the unit, cleared when the target
 * is green or completed again or the report arrives. Observations are idempotent: seeing the same
 * status twice decides nothing.
 */
export const warningDecider: Decider<WarningCommand, WarningEvent, TargetWarnings> = {
  initialState: { raised: 0, open: [] },
  decide(command, state) {
    switch (command.type) {
      case 'ObserveStatus':
        return observeStatus(command, state);
      case 'ObserveOverdue':
        return observeOverdue(command, state);
      case 'ObserveReportArrived':
        return (
          state.open
            // Year-to-date reports: this report also answers the missing reports of earlier months.
            .filter((w) => w.kind === 'overdue' && w.period <= command.period)
            .map((w) =>
              cleared(w, command.period, `${command.period} 进度已报送 / the report for ${command.period} arrived`),
            )
        );
      case 'ObserveWithdrawn':
        return state.open.map((w) => cleared(w, undefined, '目标已撤销 / the target was withdrawn'));
      case 'AcknowledgeWarning':
        return acknowledge(command, state);
      default:
        return assertNever(command);
    }
  },
  evolve(state, event) {
    const update = (id: string, change: (w: OpenWarning) => OpenWarning) => ({
      ...state,
      open: state.open.map((w) => (w.warningId === id ? change(w) : w)),
    });
    switch (event.type) {
      case 'WarningRaised': {
        const d = event.data;
        const opened: OpenWarning = {
          warningId: d.warningId,
          kind: d.kind,
          level: d.level,
          state: 'raised',
          period: d.period,
          redPeriods: d.level === 'red' && d.kind === 'status' ? [d.period] : [],
        };
        return { raised: state.raised + 1, open: [...state.open, opened], unitCode: d.unitCode };
      }
      case 'WarningUpdated':
        return update(event.data.warningId, (w) => ({
          ...w,
          level: event.data.level,
          period: event.data.period,
          redPeriods: event.data.level === 'red' ? [...w.redPeriods, event.data.period] : [],
        }));
      case 'WarningEscalated':
        return update(event.data.warningId, (w) => ({ ...w, state: 'escalated' }));
      case 'WarningAcknowledged':
        return update(event.data.warningId, (w) => ({ ...w, state: 'acknowledged' }));
      case 'WarningCleared':
        return { ...state, open: state.open.filter((w) => w.warningId !== event.data.warningId) };
      default:
        return assertNever(event);
    }
  },
};

function observeStatus(command: ObserveStatus, state: TargetWarnings): WarningEvent[] {
  const open = state.open.find((w) => w.kind === 'status');
  const level: WarningLevel | undefined =
    command.status === 'red' ? 'red' : command.status === 'yellow' ? 'yellow' : undefined;
  if (!level) {
    const healthy = command.status === 'green' || command.status === 'completed';
    return open && healthy ? [cleared(open, command.period, command.reason)] : [];
  }
  if (!open) {
    return [
      {
        type: 'WarningRaised',
        data: {
          ...command.target,
          warningId: warningIdOf(command.target.targetId, state.raised + 1),
          kind: 'status',
          level,
          period: command.period,
          reason: command.reason,
          ruleValues: command.ruleValues,
        },
      },
    ];
  }
  const events: WarningEvent[] = [];
  const alreadyRedThisPeriod = open.level === 'red' && open.redPeriods.includes(command.period);
  if (open.level !== level || (level === 'red' && !alreadyRedThisPeriod)) {
    events.push({
      type: 'WarningUpdated',
      data: {
        warningId: open.warningId,
        level,
        period: command.period,
        reason: command.reason,
        ruleValues: command.ruleValues,
      },
    });
  }
  const redTwice = level === 'red' && open.redPeriods.includes(previousPeriod(command.period));
  if (redTwice && open.state !== 'escalated') {
    events.push({
      type: 'WarningEscalated',
      data: {
        warningId: open.warningId,
        period: command.period,
        reason: `连续两期红色预警（${previousPeriod(command.period)}、${command.period}），转督办 / red for two consecutive periods`,
      },
    });
  }
  return events;
}

function observeOverdue(command: ObserveOverdue, state: TargetWarnings): WarningEvent[] {
  if (state.open.some((w) => w.kind === 'overdue' && w.period === command.period)) return [];
  return [
    {
      type: 'WarningRaised',
      data: {
        ...command.target,
        warningId: warningIdOf(command.target.targetId, state.raised + 1),
        kind: 'overdue',
        level: 'yellow',
        period: command.period,
        reason: `${command.period} 进度未在 ${command.dueDate} 前报送 / the ${command.period} report was due by ${command.dueDate}`,
        ruleValues: { dueDate: command.dueDate },
      },
    },
  ];
}

function acknowledge(command: AcknowledgeWarning, state: TargetWarnings): WarningEvent[] {
  const open = state.open.find((w) => w.warningId === command.warningId);
  if (!open)
    throw notFound(
      'warning-not-open',
      `预警 ${command.warningId} 不存在或已解除 / Warning not found or already cleared`,
    );
  refuseIf([
    ...(command.explanation.trim()
      ? []
      : [{ field: 'explanation', message: '情况说明必填 / explanation is required' }]),
    ...(command.measures.trim() ? [] : [{ field: 'measures', message: '整改措施必填 / measures are required' }]),
  ]);
  if (open.state === 'acknowledged')
    throw conflict('warning-already-acknowledged', '该预警已反馈 / The warning is already acknowledged');
  return [
    {
      type: 'WarningAcknowledged',
      data: { warningId: open.warningId, explanation: command.explanation, measures: command.measures },
    },
  ];
}

function cleared(warning: OpenWarning, period: string | undefined, reason: string): WarningEvent {
  return { type: 'WarningCleared', data: { warningId: warning.warningId, ...(period ? { period } : {}), reason } };
}
