import { Decider, DomainEvent } from '../../shared/event-sourcing/decider';
import { streamKind } from '../../shared/event-sourcing/stream-kind';

/**
 * Time as an event: a report reminder (临期提醒) N working days before the due day, and the overdue
 * notice (逾期提醒) on the working day after it, recorded once per plan, period and kind.
 */
export const REMINDER_STREAMS = streamKind('reminders');
export const reminderStream = (planCode: string) => REMINDER_STREAMS.of(planCode);

export interface ReportReminder {
  planCode: string;
  period: string;
  /** The due day the reminder counts from (moved to a working day when the rule says so), YYYY-MM-DD. */
  dueDate: string;
  kind: 'reminder' | 'overdue';
  /** Working days before the due day (reminders); 0 for the overdue notice. */
  workingDaysBefore: number;
  /** The working day the reminder is for, YYYY-MM-DD. */
  day: string;
}

export type RecordReminderDue = { type: 'RecordReminderDue'; reminder: ReportReminder };
export type ReportReminderDue = DomainEvent<'ReportReminderDue', ReportReminder>;
export type ReminderState = { recorded: string[] };

const keyOf = (r: ReportReminder) => `${r.period}/${r.kind}/${r.workingDaysBefore}`;

export const reminderDecider: Decider<RecordReminderDue, ReportReminderDue, ReminderState> = {
  initialState: { recorded: [] },
  decide({ reminder }, state) {
    return state.recorded.includes(keyOf(reminder)) ? [] : [{ type: 'ReportReminderDue', data: reminder }];
  },
  evolve(state, event) {
    return { recorded: [...state.recorded, keyOf(event.data)] };
  },
};
