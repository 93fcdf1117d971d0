import { streamKind } from '../../shared/event-sourcing/stream-kind';
import { assertNever, Decider, DomainEvent } from '../../shared/event-sourcing/decider';
import { conflict, notFound } from '../../shared/problems/domain-error';

/** The office's urgings (催办) on one warning live in one stream. */
export const URGING_STREAMS = streamKind('urgings');
export const urgingStream = (warningId: string) => URGING_STREAMS.of(warningId);
export const urgingIdOf = (warningId: string, sequence: number) => `${warningId}.u${sequence}`;

export interface UrgedWarning {
  warningId: string;
  targetId: string;
  planCode: string;
  indicatorCode: string;
  unitCode: string;
  /** The warning's state when urged (a cleared warning cannot be urged). */
  state: string;
}

export interface UrgeUnit {
  type: 'UrgeUnit';
  warning: UrgedWarning;
  message: string;
  /** ISO time by which the unit should reply; escalates to the leaders when it passes unanswered. */
  replyBy?: string;
}
/** The reply deadline of an urging passed without a reply (time as an event). */
export interface RecordReplyOverdue {
  type: 'RecordReplyOverdue';
  urgingId: string;
}
/** The unit answers an urging (回复催办). */
export interface ReplyToUrging {
  type: 'ReplyToUrging';
  urgingId: string;
  message: string;
}
export type UrgingCommand = UrgeUnit | RecordReplyOverdue | ReplyToUrging;

export type WarningUrged = DomainEvent<
  'WarningUrged',
  {
    urgingId: string;
    warningId: string;
    targetId: string;
    planCode: string;
    indicatorCode: string;
    unitCode: string;
    message: string;
    replyBy?: string;
  }
>;
export type UrgingReplyOverdue = DomainEvent<
  'UrgingReplyOverdue',
  { urgingId: string; warningId: string; unitCode: string; planCode: string; replyBy: string }
>;
export type UrgingReplied = DomainEvent<
  'UrgingReplied',
  { urgingId: string; warningId: string; unitCode: string; planCode: string; message: string }
>;
export type UrgingEvent = WarningUrged | UrgingReplyOverdue | UrgingReplied;
export const URGING_EVENT_TYPES = ['WarningUrged', 'UrgingReplyOverdue', 'UrgingReplied'] as const;

export interface UrgingsState {
  urgings: Array<{
    urgingId: string;
    replyBy?: string;
    overdue: boolean;
    replied?: boolean;
    unitCode: string;
    planCode: string;
  }>;
}

export const urgingDecider: Decider<UrgingCommand, UrgingEvent, UrgingsState> = {
  initialState: { urgings: [] },
  decide(command, state) {
    switch (command.type) {
      case 'UrgeUnit': {
        const { warning } = command;
        if (warning.state === 'cleared') {
          throw conflict(
            'warning-cleared',
            `预警 ${warning.warningId} 已解除，无需催办 / Warning '${warning.warningId}' is cleared: nothing to urge`,
          );
        }
        const { state: _state, ...ref } = warning;
        return [
          {
            type: 'WarningUrged',
            data: {
              urgingId: urgingIdOf(warning.warningId, state.urgings.length + 1),
              ...ref,
              message: command.message,
              ...(command.replyBy ? { replyBy: command.replyBy } : {}),
            },
          },
        ];
      }
      case 'RecordReplyOverdue': {
        const urging = state.urgings.find((u) => u.urgingId === command.urgingId);
        if (!urging?.replyBy || urging.overdue || urging.replied) return [];
        const warningId = command.urgingId.replace(/\.u\d+$/, '');
        return [
          {
            type: 'UrgingReplyOverdue',
            data: {
              urgingId: urging.urgingId,
              warningId,
              unitCode: urging.unitCode,
              planCode: urging.planCode,
              replyBy: urging.replyBy,
            },
          },
        ];
      }
      case 'ReplyToUrging': {
        const urging = state.urgings.find((u) => u.urgingId === command.urgingId);
        if (!urging)
          throw notFound(
            'urging-not-found',
            `催办 ${command.urgingId} 不存在 / Urging '${command.urgingId}' not found`,
          );
        if (urging.replied)
          throw conflict(
            'urging-already-replied',
            `催办 ${command.urgingId} 已回复 / Urging '${command.urgingId}' is already answered`,
          );
        const warningId = command.urgingId.replace(/\.u\d+$/, '');
        return [
          {
            type: 'UrgingReplied',
            data: {
              urgingId: urging.urgingId,
              warningId,
              unitCode: urging.unitCode,
              planCode: urging.planCode,
              message: command.message,
            },
          },
        ];
      }
      default:
        return assertNever(command);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'WarningUrged': {
        const { urgingId, replyBy, unitCode, planCode } = event.data;
        return { urgings: [...state.urgings, { urgingId, replyBy, overdue: false, unitCode, planCode }] };
      }
      case 'UrgingReplyOverdue':
        return {
          urgings: state.urgings.map((u) => (u.urgingId === event.data.urgingId ? { ...u, overdue: true } : u)),
        };
      case 'UrgingReplied':
        return {
          urgings: state.urgings.map((u) => (u.urgingId === event.data.urgingId ? { ...u, replied: true } : u)),
        };
      default:
        return assertNever(event);
    }
  },
};
