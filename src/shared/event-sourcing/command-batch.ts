import { AppendResult, EventStore, ExpectedRevision, NewEvent } from '../../event-store/event-store.port';
import { WrongExpectedRevisionError } from '../../event-store/event-store.errors';
import { DomainError } from '../problems/domain-error';
import { CommandContext } from './command-context';
import { DEFAULT_RETRIES, readStreamOrEmpty, retryDelayMs, toNewEvent } from './command-executor';
import { Decider, DomainEvent } from './decider';
import { AuthorizationCheck, checkAuthorization } from './write-authorization';

/** One command of a batch on one stream, with its own context (command id, reason) and authorization. */
export interface BatchedCommand<Command, State> {
  /** The command, or how to make it from the state the earlier commands of the batch left. */
  command: Command | ((state: State) => Command);
  context: CommandContext;
  /** The reason recorded on its events when it depends on the state (a correction's, not a first report's). */
  reason?: (state: State) => string | undefined;
  authorization?: AuthorizationCheck<State>;
}

/** What became of one command of the batch. */
export type BatchedOutcome =
  | { kind: 'written'; events: DomainEvent[] }
  /** Recorded before (same command id on an idempotent context): nothing new written. */
  | { kind: 'repeated'; events: DomainEvent[] }
  /** Decided to no events. */
  | { kind: 'nothing'; events: [] }
  /** Refused by its authorization or the decider; the commands after it are decided without it. */
  | { kind: 'refused'; error: DomainError };

export interface BatchResult<State> {
  state: State;
  outcomes: BatchedOutcome[];
  /** The stream's revision after the batch (-1n when still empty). */
  revision: bigint;
  /** Global position of the last event written or found; undefined when there is none. */
  position?: bigint;
}

interface Decided<State> {
  state: State;
  outcomes: BatchedOutcome[];
  current: bigint;
  pending: NewEvent[];
  position?: bigint;
}

/** Reads the stream and decides the batch's commands in order on it; appends nothing. */
async function decideBatch<Command, Event extends DomainEvent, State>(
  store: EventStore,
  decider: Decider<Command, Event, State>,
  streamId: string,
  batch: ReadonlyArray<BatchedCommand<Command, State>>,
): Promise<Decided<State>> {
  const history = await readStreamOrEmpty(store, streamId);
  const current = history.length ? history[history.length - 1].revision : -1n;
  let state = history.reduce((s, e) => decider.evolve(s, e as unknown as Event), decider.initialState);
  let position: bigint | undefined;
  const outcomes: BatchedOutcome[] = [];
  const pending: NewEvent[] = [];
  for (const { command: commandOf, context: given, reason, authorization } of batch) {
    const context = reason ? withReason(given, reason(state)) : given;
    if (context.idempotent) {
      const recorded = history.filter((e) => e.metadata.commandId === context.commandId);
      if (recorded.length) {
        const last = recorded[recorded.length - 1].position;
        if (position === undefined || last > position) position = last;
        outcomes.push({ kind: 'repeated', events: recorded });
        continue;
      }
    }
    try {
      if (authorization) checkAuthorization(authorization, state);
      const events = decider.decide(
        typeof commandOf === 'function' ? (commandOf as (state: State) => Command)(state) : commandOf,
        state,
      );
      state = events.reduce((s, e) => decider.evolve(s, e), state);
      pending.push(...events.map((e, i) => toNewEvent(e, i, context)));
      outcomes.push(events.length ? { kind: 'written', events } : { kind: 'nothing', events: [] });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      outcomes.push({ kind: 'refused', error });
    }
  }
  return { state, outcomes, current, pending, ...(position !== undefined ? { position } : {}) };
}

const resultOf = <State>(d: Decided<State>, written?: AppendResult): BatchResult<State> => ({
  state: d.state,
  outcomes: d.outcomes,
  revision: written ? written.nextExpectedRevision : d.current,
  ...(written ? { position: written.position } : d.position !== undefined ? { position: d.position } : {}),
});

const expectedOf = (current: bigint): ExpectedRevision => (current < 0n ? 'no_stream' : current);

/**
 * Several commands on one stream, decided one after the other exactly as `executeCommand` decides each
 * (idempotency by command id, authorization, decide, evolve) and appended together in one append with
 * the expected revision: one read and one write for the batch. A refused command refuses only itself.
 * A conflict re-reads the stream and decides the whole batch again, a bounded number of times.
 */
export async function executeBatch<Command, Event extends DomainEvent, State>(
  store: EventStore,
  decider: Decider<Command, Event, State>,
  streamId: string,
  batch: ReadonlyArray<BatchedCommand<Command, State>>,
  options: { retries?: number; /** Decide only: append nothing (a preview). */ dryRun?: boolean } = {},
): Promise<BatchResult<State>> {
  const retries = options.retries ?? DEFAULT_RETRIES;
  for (let attempt = 0; ; attempt++) {
    const decided = await decideBatch(store, decider, streamId, batch);
    if (!decided.pending.length || options.dryRun) return resultOf(decided);
    try {
      return resultOf(decided, await store.append(streamId, decided.pending, expectedOf(decided.current)));
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      if (attempt >= retries) {
        throw new DomainError(
          'conflict',
          'concurrent-modification',
          '数据正被他人同时修改，请重试 / Modified concurrently, please retry',
          [],
          { currentRevision: String(error.actual), retryable: true },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs(attempt)));
    }
  }
}

/** Streams decided (read) side by side, and appended together in one `appendMany` transaction. */
const PARALLEL_READS = 8;
const STREAMS_PER_TRANSACTION = 250;

/**
 * `executeBatch` over many streams: each stream's batch is decided as `executeBatch` decides it, then
 * up to STREAMS_PER_TRANSACTION streams are appended in one transaction when the store offers
 * `appendMany` (one commit instead of one per stream). If that transaction meets a conflict it is
 * rolled back and its streams go through `executeBatch` one by one (re-read, re-decided, retried).
 */
export async function executeBatches<Command, Event extends DomainEvent, State>(
  store: EventStore,
  decider: Decider<Command, Event, State>,
  streams: ReadonlyArray<{ streamId: string; batch: ReadonlyArray<BatchedCommand<Command, State>> }>,
  options: { dryRun?: boolean } = {},
): Promise<BatchResult<State>[]> {
  const results: BatchResult<State>[] = new Array(streams.length);
  const appendMany = store.appendMany?.bind(store);
  if (options.dryRun || !appendMany) {
    await inParallel(streams.length, PARALLEL_READS, async (i) => {
      results[i] = await executeBatch(store, decider, streams[i].streamId, streams[i].batch, options);
    });
    return results;
  }
  for (let from = 0; from < streams.length; from += STREAMS_PER_TRANSACTION) {
    const indexes = streams.slice(from, from + STREAMS_PER_TRANSACTION).map((_s, k) => from + k);
    const decided: Decided<State>[] = new Array(streams.length);
    await inParallel(indexes.length, PARALLEL_READS, async (k) => {
      const i = indexes[k];
      decided[i] = await decideBatch(store, decider, streams[i].streamId, streams[i].batch);
    });
    const writing = indexes.filter((i) => decided[i].pending.length);
    for (const i of indexes) if (!decided[i].pending.length) results[i] = resultOf(decided[i]);
    try {
      const written = await appendMany(
        writing.map((i) => ({
          streamId: streams[i].streamId,
          events: decided[i].pending,
          expected: expectedOf(decided[i].current),
        })),
      );
      writing.forEach((i, k) => (results[i] = resultOf(decided[i], written[k])));
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      for (const i of writing) results[i] = await executeBatch(store, decider, streams[i].streamId, streams[i].batch);
    }
  }
  return results;
}

/** `work(0 … count-1)`, at most `width` at a time. */
async function inParallel(count: number, width: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, count) }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

function withReason(context: CommandContext, reason: string | undefined): CommandContext {
  const { reason: _r, ...rest } = context;
  return reason === undefined ? rest : { ...rest, reason };
}
