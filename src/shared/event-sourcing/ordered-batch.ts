import { EventStore, RecordedEvent, StreamAppend } from '../../event-store/event-store.port';
import { WrongExpectedRevisionError } from '../../event-store/event-store.errors';
import { DomainError } from '../problems/domain-error';
import { BatchedOutcome } from './command-batch';
import { CommandContext } from './command-context';
import { readStreamOrEmpty, retryDelayMs, staleRevision, toNewEvent } from './command-executor';
import { Decider, DomainEvent } from './decider';
import { KnownState, StreamStates } from './stream-states';
import { AuthorizationCheck, checkAuthorization } from './write-authorization';

/** One command of an ordered batch: any stream, decided at its turn on what the earlier commands left. */
export interface OrderedCommand<Command, State> {
  streamId: string;
  command: Command;
  context: CommandContext;
  authorization?: AuthorizationCheck<State>;
  /** The revision the caller saw (If-Match), compared with the stream's revision at the command's turn. */
  expectedRevision?: bigint;
}

export interface OrderedResult {
  outcome: BatchedOutcome;
  /** The stream's revision after the command's turn (-1n while the stream is empty). */
  revision: bigint;
  /**
   * Global position of the append that holds the command's events (consecutive commands on one stream
   * share one append, so it can be a later command's), or of the recorded events of a repeated command.
   */
  position?: bigint;
}

interface StreamState<State> {
  state: State;
  revision: bigint;
  /** Events already on the stream, by command id (an idempotent command found here is answered from them). */
  recorded: Map<string, RecordedEvent[]>;
  /** Command ids decided in this batch (a repeat of one in the same batch is answered as repeated). */
  decided: Map<string, DomainEvent[]>;
  /** Every command id on the stream before the batch. */
  commandIds: ReadonlySet<string>;
  /** Decided on a remembered state, not on a read of the stream. */
  remembered: boolean;
}

interface Decided {
  results: OrderedResult[];
  /** In the commands' order; consecutive commands on one stream in one append. */
  appends: StreamAppend[];
  /** For each append, the index of the last command whose events it holds. */
  lastCommandOf: number[];
  /** For each command with events, the index of its append. */
  appendOf: Map<number, number>;
}

/** Streams read side by side while deciding a batch (the embedded database has one connection anyway). */
const PARALLEL_READS = 8;
/** Appends per `appendMany` transaction. */
const APPENDS_PER_TRANSACTION = 250;
const RETRIES = 5;

export interface OrderedBatchOptions<State = unknown> {
  /**
   * All or none: a refusal of any command refuses the batch (the DomainError is thrown before anything is
   * appended), and every append goes in one `appendMany` transaction. A store without `appendMany` appends
   * one by one after all were decided; a retry then answers the written ones as repeated (idempotent contexts).
   */
  allOrNone?: boolean;
  /** Conflicts retried before a 409 (default 5). */
  retries?: number;
  /** Remembered states of the streams' kind (see `ExecuteOptions.states`): streams decided without a read. */
  states?: StreamStates<State>;
}

/**
 * Many commands on many streams, decided one after the other in the given order exactly as
 * `executeCommand` decides each — idempotency by command id, authorization, expected revision, decide,
 * evolve — with every stream read once for the whole batch, and appended in that same order, many
 * streams' appends to a transaction where the store has `appendMany`: the log is the one the commands
 * would have written one by one (same events, ids, actors and times, in order), in a few commits.
 * A refused command refuses only itself. A conflict (another writer got in) rolls back that transaction;
 * the commands from there on are read and decided again, a bounded number of times.
 */
export async function executeInOrder<Command, Event extends DomainEvent, State>(
  store: EventStore,
  decider: Decider<Command, Event, State>,
  commands: ReadonlyArray<OrderedCommand<Command, State>>,
  options: OrderedBatchOptions<State> = {},
): Promise<OrderedResult[]> {
  const results: OrderedResult[] = new Array(commands.length);
  const states = options.states;
  let trustRemembered = states !== undefined;
  let from = 0;
  for (let attempt = 0; from < commands.length; attempt++) {
    const rest = commands.slice(from);
    const streams = await readStreams(store, decider, rest, trustRemembered ? states : undefined);
    const decided = decide(decider, rest, streams);
    if (trustRemembered && refusedOnRemembered(decided, rest, streams)) {
      // A refusal of a remembered state may be out of date: the batch is decided again on the streams as they are.
      trustRemembered = false;
      continue;
    }
    if (options.allOrNone) {
      const refused = decided.results.find((r) => r.outcome.kind === 'refused')?.outcome;
      if (refused?.kind === 'refused') throw refused.error;
    }
    const committed = await appendInOrder(
      store,
      decided,
      options.allOrNone ? Math.max(1, decided.appends.length) : APPENDS_PER_TRANSACTION,
    );
    // Everything when every append went in; else the commands up to the last one a committed append holds.
    const done =
      committed === decided.appends.length ? rest.length : committed > 0 ? decided.lastCommandOf[committed - 1] + 1 : 0;
    for (let i = 0; i < done; i++) results[from + i] = decided.results[i];
    if (done === rest.length) remember(states, streams);
    else for (const { streamId } of rest) states?.forget(streamId);
    trustRemembered = false;
    from += done;
    if (from < commands.length) {
      if (attempt >= (options.retries ?? RETRIES)) {
        throw new DomainError(
          'conflict',
          'concurrent-modification',
          '数据正被他人同时修改，请重试 / Modified concurrently, please retry',
          [],
          { retryable: true },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs(attempt)));
    }
  }
  return results;
}

function refusedOnRemembered<Command, State>(
  decided: Decided,
  commands: ReadonlyArray<OrderedCommand<Command, State>>,
  streams: Map<string, StreamState<State>>,
): boolean {
  return decided.results.some((r, i) => r.outcome.kind === 'refused' && streams.get(commands[i].streamId)!.remembered);
}

/** Every stream of a batch that went in whole, as its commands left it. */
function remember<State>(states: StreamStates<State> | undefined, streams: Map<string, StreamState<State>>): void {
  if (!states) return;
  for (const [streamId, stream] of streams) {
    const commandIds = stream.decided.size
      ? new Set([...stream.commandIds, ...stream.decided.keys()])
      : stream.commandIds;
    states.set(streamId, { state: stream.state, revision: stream.revision, commandIds });
  }
}

async function readStreams<Command, Event extends DomainEvent, State>(
  store: EventStore,
  decider: Decider<Command, Event, State>,
  commands: ReadonlyArray<OrderedCommand<Command, State>>,
  states: StreamStates<State> | undefined,
): Promise<Map<string, StreamState<State>>> {
  const streams = new Map<string, StreamState<State>>();
  for (const [streamId, known] of rememberedStreams(commands, states)) {
    streams.set(streamId, {
      state: known.state,
      revision: known.revision,
      recorded: new Map(),
      decided: new Map(),
      commandIds: known.commandIds!,
      remembered: true,
    });
  }
  const ids = [...new Set(commands.map((c) => c.streamId))].filter((id) => !streams.has(id));
  let next = 0;
  const reader = async () => {
    for (let i = next++; i < ids.length; i = next++) {
      const history = await readStreamOrEmpty(store, ids[i]);
      const recorded = new Map<string, RecordedEvent[]>();
      for (const event of history) {
        const same = recorded.get(event.metadata.commandId);
        if (same) same.push(event);
        else recorded.set(event.metadata.commandId, [event]);
      }
      streams.set(ids[i], {
        state: history.reduce((s, e) => decider.evolve(s, e as unknown as Event), decider.initialState),
        revision: history.length ? history[history.length - 1].revision : -1n,
        recorded,
        decided: new Map(),
        commandIds: new Set(recorded.keys()),
        remembered: false,
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, ids.length) }, reader));
  return streams;
}

/**
 * The streams whose remembered state every command of the batch on them may be decided on: each knows
 * all its command ids, and none of the batch's idempotent commands is among them (a repeat is answered
 * from the stream's recorded events, so its stream is read).
 */
function rememberedStreams<Command, State>(
  commands: ReadonlyArray<OrderedCommand<Command, State>>,
  states: StreamStates<State> | undefined,
): Map<string, KnownState<State>> {
  const usable = new Map<string, KnownState<State>>();
  if (!states) return usable;
  const unusable = new Set<string>();
  for (const { streamId, context } of commands) {
    if (unusable.has(streamId)) continue;
    const known = usable.get(streamId) ?? states.get(streamId);
    if (known?.commandIds && !(context.idempotent && known.commandIds.has(context.commandId))) {
      usable.set(streamId, known);
    } else {
      usable.delete(streamId);
      unusable.add(streamId);
    }
  }
  return usable;
}

function decide<Command, Event extends DomainEvent, State>(
  decider: Decider<Command, Event, State>,
  commands: ReadonlyArray<OrderedCommand<Command, State>>,
  streams: Map<string, StreamState<State>>,
): Decided {
  const decided: Decided = { results: [], appends: [], lastCommandOf: [], appendOf: new Map() };
  commands.forEach(({ streamId, command, context, authorization, expectedRevision }, index) => {
    const stream = streams.get(streamId)!;
    const answer = (outcome: BatchedOutcome, position?: bigint) =>
      decided.results.push({ outcome, revision: stream.revision, ...(position !== undefined ? { position } : {}) });
    if (context.idempotent) {
      const recorded = stream.recorded.get(context.commandId);
      if (recorded) return answer({ kind: 'repeated', events: recorded }, recorded[recorded.length - 1].position);
      const earlier = stream.decided.get(context.commandId);
      if (earlier) return answer({ kind: 'repeated', events: earlier });
    }
    let events: Event[];
    try {
      if (authorization) checkAuthorization(authorization, stream.state);
      if (expectedRevision !== undefined && expectedRevision !== stream.revision) {
        throw staleRevision(expectedRevision, stream.revision < 0n ? 'no_stream' : stream.revision);
      }
      events = decider.decide(command, stream.state);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return answer({ kind: 'refused', error });
    }
    if (!events.length) return answer({ kind: 'nothing', events: [] });
    const last = decided.appends.length - 1;
    const queued = events.map((e, i) => toNewEvent(e, i, context));
    if (last >= 0 && decided.appends[last].streamId === streamId) {
      decided.appends[last] = { ...decided.appends[last], events: [...decided.appends[last].events, ...queued] };
    } else {
      decided.appends.push({
        streamId,
        events: queued,
        expected: stream.revision < 0n ? 'no_stream' : stream.revision,
      });
    }
    decided.lastCommandOf[decided.appends.length - 1] = index;
    decided.appendOf.set(index, decided.appends.length - 1);
    stream.state = events.reduce((s, e) => decider.evolve(s, e), stream.state);
    stream.revision += BigInt(events.length);
    stream.decided.set(context.commandId, events);
    answer({ kind: 'written', events });
  });
  return decided;
}

/**
 * Appends in order; returns how many appends were committed (all, unless a conflict stopped it). The
 * positions of the committed appends are set on their commands' results.
 */
async function appendInOrder(store: EventStore, decided: Decided, appendsPerTransaction: number): Promise<number> {
  const positions: bigint[] = [];
  const perTransaction = store.appendMany ? appendsPerTransaction : 1;
  try {
    for (let from = 0; from < decided.appends.length; from += perTransaction) {
      const chunk = decided.appends.slice(from, from + perTransaction);
      const written = store.appendMany
        ? await store.appendMany(chunk)
        : [await store.append(chunk[0].streamId, chunk[0].events, chunk[0].expected)];
      positions.push(...written.map((w) => w.position));
    }
  } catch (error) {
    if (!(error instanceof WrongExpectedRevisionError)) throw error;
  }
  for (const [index, append] of decided.appendOf) {
    if (append < positions.length) decided.results[index].position = positions[append];
  }
  return positions.length;
}
