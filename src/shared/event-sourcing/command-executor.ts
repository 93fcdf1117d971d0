import { v5 as uuidv5 } from 'uuid';
import { EventStore, ExpectedRevision, RecordedEvent } from '../../event-store/event-store.port';
import { StreamNotFoundError, WrongExpectedRevisionError } from '../../event-store/event-store.errors';
import { DomainError } from '../problems/domain-error';
import { CommandContext } from './command-context';
import { Decider, DomainEvent } from './decider';
import { KnownState, StreamStates } from './stream-states';
import { AuthorizationCheck, checkAuthorization } from './write-authorization';

export const DEFAULT_RETRIES = 25;

/** Exponential back-off capped at 200 ms, with full jitter so racing writers spread out instead of colliding again. */
export function retryDelayMs(attempt: number): number {
  return Math.random() * Math.min(200, 5 * 2 ** attempt);
}

/** Namespace for event ids derived from command ids (uuid v5), so a retried command appends nothing twice. */
const EVENT_ID_NAMESPACE = '0b6f3c1e-7d2a-4c55-9a0e-5f1d2b3c4a99';

export interface ExecuteOptions<State = unknown> {
  /** The revision the client saw (If-Match); a different current revision is a 412, never retried. */
  expectedRevision?: bigint;
  /**
   * How many times a concurrent-write conflict is retried from a fresh read. Generous by default:
   * without an If-Match the caller asked for its intent, not for a revision, so writes that race on
   * one stream (reports for different months of one target) all go through, one after the other.
   */
  retries?: number;
  /** The command's authorization, checked against the loaded state before deciding (e.g. a unit reporter may only touch its own unit's target). */
  authorization?: AuthorizationCheck<State>;
  /** Any further check of the typed state before deciding; throws a DomainError to refuse. */
  authorize?: (state: State) => void;
  /**
   * Remembered states of this kind of stream: a command decides on the state its stream had after the
   * last write through this process instead of reading the stream (a stale one costs a retry, never a
   * wrong write). Only for deciders whose `evolve` reads nothing but an event's type and data.
   */
  states?: StreamStates<State>;
}

export interface ExecutionResult<State> {
  state: State;
  /** The stream's revision after the command (-1n when the stream is still empty). */
  revision: bigint;
  /** Global position of the last event written (or found, for a repeated command); undefined when nothing was written. */
  position?: bigint;
  /** True when the command had already been recorded and nothing new was written. */
  repeated: boolean;
  events: DomainEvent[];
}

/**
 * Load the stream → decide → append with the expected revision; retry a conflict a bounded number of
 * times with backoff (the decision is re-made on the fresh state).
 */
export async function executeCommand<Command, Event extends DomainEvent, State>(
  store: EventStore,
  decider: Decider<Command, Event, State>,
  streamId: string,
  command: Command,
  context: CommandContext,
  options: ExecuteOptions<State> = {},
): Promise<ExecutionResult<State>> {
  const retries = options.retries ?? DEFAULT_RETRIES;
  const states = options.states;
  let trustRemembered = states !== undefined;
  for (let attempt = 0; ;) {
    const remembered = trustRemembered ? usable(states?.get(streamId), context) : undefined;
    trustRemembered = false;
    let state: State;
    let current: bigint;
    let commandIds: ReadonlySet<string> | undefined;
    if (remembered) {
      ({ state, revision: current, commandIds } = remembered);
    } else {
      const history = await readStreamOrEmpty(store, streamId);
      current = history.length ? history[history.length - 1].revision : -1n;
      state = history.reduce((s, e) => decider.evolve(s, e as unknown as Event), decider.initialState);
      if (states) commandIds = new Set(history.map((e) => e.metadata.commandId));
      if (context.idempotent) {
        const recorded = history.filter((e) => e.metadata.commandId === context.commandId);
        if (recorded.length) {
          const last = recorded[recorded.length - 1];
          return { state, revision: last.revision, position: last.position, repeated: true, events: recorded };
        }
      }
    }

    let events: Event[];
    try {
      if (options.authorization) checkAuthorization(options.authorization, state);
      options.authorize?.(state);
      if (options.expectedRevision !== undefined && options.expectedRevision !== current) {
        throw staleRevision(options.expectedRevision, current);
      }
      events = decider.decide(command, state);
    } catch (error) {
      // A refusal of a remembered state may be out of date: it is made again on the stream as it is.
      if (remembered) continue;
      throw error;
    }
    if (events.length === 0) {
      states?.set(streamId, { state, revision: current, ...(commandIds ? { commandIds } : {}) });
      return { state, revision: current, repeated: false, events };
    }
    const expected: ExpectedRevision = current < 0n ? 'no_stream' : current;
    try {
      const result = await store.append(
        streamId,
        events.map((e, i) => toNewEvent(e, i, context)),
        expected,
      );
      state = events.reduce((s, e) => decider.evolve(s, e), state);
      states?.set(streamId, {
        state,
        revision: result.nextExpectedRevision,
        ...(commandIds ? { commandIds: new Set(commandIds).add(context.commandId) } : {}),
      });
      return { state, revision: result.nextExpectedRevision, position: result.position, repeated: false, events };
    } catch (error) {
      states?.forget(streamId);
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      if (options.expectedRevision !== undefined) throw staleRevision(options.expectedRevision, error.actual);
      // Another writer overtook the remembered state: decide again on a fresh read, no back-off needed.
      if (remembered) continue;
      if (attempt >= retries) {
        throw new DomainError(
          'conflict',
          'concurrent-modification',
          '数据正被他人同时修改，请重试 / Modified concurrently, please retry',
          [],
          {
            currentRevision: String(error.actual),
            retryable: true,
          },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs(attempt)));
      attempt++;
    }
  }
}

/**
 * A remembered state a command may be decided on: any, for a command that is not idempotent; for an
 * idempotent one, only a state that knows every command id on its stream and not this one (a repeat is
 * answered from the stream's recorded events).
 */
export function usable<State>(
  known: KnownState<State> | undefined,
  context: CommandContext,
): KnownState<State> | undefined {
  if (!known || !context.idempotent) return known;
  return known.commandIds && !known.commandIds.has(context.commandId) ? known : undefined;
}

export async function readStreamOrEmpty(store: EventStore, streamId: string): Promise<RecordedEvent[]> {
  try {
    return await store.readStream(streamId);
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
}

export function toNewEvent(event: DomainEvent, index: number, context: CommandContext) {
  return {
    id: uuidv5(`${context.commandId}/${index}`, EVENT_ID_NAMESPACE),
    type: event.type,
    data: event.data,
    schemaVersion: 1,
    metadata: {
      actor: context.actor,
      commandId: context.commandId,
      correlationId: context.correlationId ?? context.commandId,
      causationId: context.causationId ?? context.commandId,
      recordedAt: context.now.toISOString(),
      ...(context.reason !== undefined ? { reason: context.reason } : {}),
      ...(context.documentRef !== undefined ? { documentRef: context.documentRef } : {}),
    },
  };
}

export function staleRevision(expected: bigint, actual: bigint | 'no_stream'): DomainError {
  return new DomainError(
    'precondition_failed',
    'stale-revision',
    `版本已变化（您看到的是 ${expected}，当前是 ${String(actual)}），请刷新后重试 / Stale revision: you saw ${expected}, it is now ${String(actual)}`,
    [],
    { currentRevision: String(actual) },
  );
}
