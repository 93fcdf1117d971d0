import { DomainError } from '../../shared/problems/domain-error';
import { warningDecider } from './warning.decider';
import { ObserveStatus, WarningCommand, WarningEvent } from './warning.types';

const target = { targetId: 'p.I02.anting', planCode: 'p', indicatorCode: 'I02', unitCode: 'anting' };
const observe = (period: string, status: string): ObserveStatus => ({
  type: 'ObserveStatus',
  target,
  period,
  status,
  reason: `${status} in ${period}`,
  ruleValues: { paceGreen: '0.95' },
});

/** Runs commands one after another, returning every event decided. */
function run(commands: WarningCommand[]): WarningEvent[] {
  let state = warningDecider.initialState;
  const all: WarningEvent[] = [];
  for (const command of commands) {
    const events = warningDecider.decide(command, state);
    state = events.reduce(warningDecider.evolve, state);
    all.push(...events);
  }
  return all;
}

describe('warning decider', () => {
  it('raises a warning when a target turns yellow, with the rule values it was raised under', () => {
    expect(run([observe('2021-03', 'yellow')])).toEqual([
      {
        type: 'WarningRaised',
        data: {
          ...target,
          warningId: 'p.I02.anting.w1',
          kind: 'status',
          level: 'yellow',
          period: '2021-03',
          reason: 'yellow in 2021-03',
          ruleValues: { paceGreen: '0.95' },
        },
      },
    ]);
  });

  it('raises nothing for green, and nothing twice for the same status', () => {
    expect(run([observe('2021-03', 'green')])).toEqual([]);
    expect(run([observe('2021-03', 'yellow'), observe('2021-03', 'yellow')]).map((e) => e.type)).toEqual([
      'WarningRaised',
    ]);
  });

  it('follows yellow to red, escalates when red lasts two consecutive periods, and clears on green', () => {
    const events = run([
      observe('2021-03', 'yellow'),
      observe('2021-04', 'red'),
      observe('2021-05', 'red'),
      observe('2021-06', 'green'),
    ]);
    expect(events.map((e) => e.type)).toEqual([
      'WarningRaised',
      'WarningUpdated',
      'WarningUpdated',
      'WarningEscalated',
      'WarningCleared',
    ]);
    expect(events[1].data).toMatchObject({ level: 'red', period: '2021-04' });
    expect(events[3].data).toMatchObject({ warningId: 'p.I02.anting.w1', period: '2021-05' });
  });

  it('does not escalate red periods that are not consecutive', () => {
    const events = run([observe('2021-03', 'red'), observe('2021-04', 'yellow'), observe('2021-05', 'red')]);
    expect(events.map((e) => e.type)).toEqual(['WarningRaised', 'WarningUpdated', 'WarningUpdated']);
  });

  it('clears on completed and numbers the next warning anew', () => {
    const events = run([observe('2021-03', 'red'), observe('2021-04', 'completed'), observe('2021-05', 'yellow')]);
    expect(events.map((e) => [e.type, (e.data as { warningId: string }).warningId])).toEqual([
      ['WarningRaised', 'p.I02.anting.w1'],
      ['WarningCleared', 'p.I02.anting.w1'],
      ['WarningRaised', 'p.I02.anting.w2'],
    ]);
  });

  it('raises an overdue warning once per period and clears it when the report arrives', () => {
    const overdue = { type: 'ObserveOverdue' as const, target, period: '2021-03', dueDate: '2021-04-10' };
    const events = run([overdue, overdue, { type: 'ObserveReportArrived', period: '2021-03' }]);
    expect(events.map((e) => e.type)).toEqual(['WarningRaised', 'WarningCleared']);
    expect(events[0].data).toMatchObject({ kind: 'overdue', period: '2021-03', ruleValues: { dueDate: '2021-04-10' } });
  });

  it('takes an acknowledgement with explanation and measures, once, and refuses one for a cleared warning', () => {
    const ack = {
      type: 'AcknowledgeWarning' as const,
      warningId: 'p.I02.anting.w1',
      explanation: '受疫情影响',
      measures: '加快进度',
    };
    expect(run([observe('2021-03', 'red'), ack]).map((e) => e.type)).toEqual(['WarningRaised', 'WarningAcknowledged']);
    expect(() => run([observe('2021-03', 'red'), ack, ack])).toThrow(DomainError);
    expect(() => run([observe('2021-03', 'red'), observe('2021-04', 'green'), ack])).toThrow(/已解除|cleared/);
    expect(() => run([observe('2021-03', 'red'), { ...ack, measures: ' ' }])).toThrow(DomainError);
  });

  it('clears overdue warnings of earlier months too when a later year-to-date report arrives', () => {
    const overdue = (period: string) => ({ type: 'ObserveOverdue' as const, target, period, dueDate: '2021-04-10' });
    const events = run([overdue('2021-01'), overdue('2021-02'), { type: 'ObserveReportArrived', period: '2021-02' }]);
    expect(events.map((e) => e.type)).toEqual(['WarningRaised', 'WarningRaised', 'WarningCleared', 'WarningCleared']);
  });

  it('acknowledged warnings can still escalate, and a withdrawn target clears everything open', () => {
    const ack = { type: 'AcknowledgeWarning' as const, warningId: 'p.I02.anting.w1', explanation: 'x', measures: 'y' };
    const events = run([
      observe('2021-03', 'red'),
      ack,
      observe('2021-04', 'red'),
      { type: 'ObserveOverdue', target, period: '2021-05', dueDate: '2021-06-10' },
      { type: 'ObserveWithdrawn' },
    ]);
    expect(events.map((e) => e.type)).toEqual([
      'WarningRaised',
      'WarningAcknowledged',
      'WarningUpdated',
      'WarningEscalated',
      'WarningRaised',
      'WarningCleared',
      'WarningCleared',
    ]);
  });
});
