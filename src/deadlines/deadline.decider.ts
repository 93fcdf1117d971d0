import { Decider, DomainEvent } from '../shared/event-sourcing/decider';
import { streamKind } from '../shared/event-sourcing/stream-kind';

/**
 * Time as an event: when a monthly report's due time passes, a `ReportDeadlinePassed` event is
 * appended to the plan's deadline stream, so overdue statuses and warnings replay exactly.
 */
export const DEADLINE_STREAMS = streamKind('deadlines');
export const deadlineStream = (planCode: string) => DEADLINE_STREAMS.of(planCode);

export interface ReportDeadline {
  planCode: string;
  period: string;
  /** The last day reports for `period` were due (Asia/Shanghai), YYYY-MM-DD. */
  dueDate: string;
}

export type RecordDeadlinePassed = { type: 'RecordDeadlinePassed'; deadline: ReportDeadline };
export type DeadlineEvent = DomainEvent<'ReportDeadlinePassed', ReportDeadline>;
export type DeadlineState = { passed: string[] };

export const deadlineDecider: Decider<RecordDeadlinePassed, DeadlineEvent, DeadlineState> = {
  initialState: { passed: [] },
  decide({ deadline }, state) {
    return state.passed.includes(deadline.period) ? [] : [{ type: 'ReportDeadlinePassed', data: deadline }];
  },
  evolve(state, event) {
    return { passed: [...state.passed, event.data.period] };
  },
};
