import type { AppendResult, EventStore, RecordedEvent, StreamAppend } from '../../event-store/event-store.port';
import { toNewEvent } from '../../shared/event-sourcing/command-executor';
import type { CommandContext } from '../../shared/event-sourcing/command-context';
import { checkAuthorization, type WriteAuthorization } from '../../shared/event-sourcing/write-authorization';
import { DomainError } from '../../shared/problems/domain-error';
import { TARGET_STREAMS, targetStream } from '../../targets/domain/target-ids';
import { targetDecider } from '../../targets/domain/target.decider';
import type { TargetCommand, TargetEvent, TargetState } from '../../targets/domain/target.types';

interface StreamState {
  state: TargetState;
  /** Revision of the stream's last event, written or waiting to be (-1n: no stream). */
  revision: bigint;
  /** Command ids already on the stream (or waiting), for the idempotent replay of a repeated load. */
  commands: Set<string>;
}

type Pending = StreamAppend & { events: StreamAppend['events'][number][] };

/**
 * The demo year's target writes, decided as the command handlers decide them — the target decider on
 * the stream's state, the command's unit-scope authorization checked against it, an idempotent command
 * answered from the record — but without a round trip per command: every target stream is read once,
 * in one pass over the log, and its state kept here; decided events wait in order and are appended by
 * `flush`, consecutive events of one stream in one append, each at the revision this writer expects
 * (a concurrent writer makes the append fail: the demo runs alone), many streams' appends in one
 * transaction. The log is the one the handlers would have written: same events, ids (derived from the
 * command ids), actors and simulated times, in time order.
 */
export class DemoTargetWriter {
  private readonly streams = new Map<string, StreamState>();
  private pending: Pending[] = [];
  /**
   * The highest position this writer appended: what the read models must reach to have its events (on
   * PostgreSQL the visible head can stay behind it while any transaction on the server is open).
   */
  lastPosition = -1n;

  private constructor(private readonly store: EventStore) {}

  /** Reads every target stream of the log once (pages of the log, target streams only). */
  static async open(store: EventStore, pageSize = 5000): Promise<DemoTargetWriter> {
    const writer = new DemoTargetWriter(store);
    for (let after = -1n; ;) {
      const page: RecordedEvent[] = await store.readLog({
        after,
        limit: pageSize,
        streamPrefixes: [TARGET_STREAMS.of('')],
      });
      for (const event of page) writer.fold(event);
      if (page.length < pageSize) break;
      after = page[page.length - 1].position;
    }
    return writer;
  }

  private fold(event: RecordedEvent): void {
    const stream = this.stream(event.streamId);
    stream.state = targetDecider.evolve(stream.state, event as unknown as TargetEvent);
    stream.revision = event.revision;
    stream.commands.add(event.metadata.commandId);
  }

  private stream(streamId: string): StreamState {
    let stream = this.streams.get(streamId);
    if (!stream) {
      stream = { state: targetDecider.initialState, revision: -1n, commands: new Set() };
      this.streams.set(streamId, stream);
    }
    return stream;
  }

  /** The stream's revision as this writer knows it (what a client would send as If-Match). */
  revisionOf(targetId: string): bigint {
    return this.stream(targetStream(targetId)).revision;
  }

  /**
   * Decides one command (refusing by throwing a DomainError, as the handler would) and queues its events.
   * Returns whether it wrote: false when the command was already recorded (a repeated load).
   */
  decide(
    targetId: string,
    command: TargetCommand,
    context: CommandContext,
    options: { authorization?: WriteAuthorization; expectedRevision?: bigint } = {},
  ): boolean {
    const streamId = targetStream(targetId);
    const stream = this.stream(streamId);
    if (context.idempotent && stream.commands.has(context.commandId)) return false;
    if (options.authorization) {
      checkAuthorization(
        { authorization: options.authorization, unitOf: (s: TargetState) => s?.unitCode },
        stream.state,
      );
    }
    if (options.expectedRevision !== undefined && options.expectedRevision !== stream.revision) {
      throw new DomainError('precondition_failed', 'stale-revision', `Stale revision of ${streamId}`);
    }
    const events = targetDecider.decide(command, stream.state);
    if (!events.length) return false;
    const last = this.pending[this.pending.length - 1];
    const queued = events.map((e, i) => toNewEvent(e, i, context));
    if (last?.streamId === streamId) last.events.push(...queued);
    else
      this.pending.push({ streamId, expected: stream.revision < 0n ? 'no_stream' : stream.revision, events: queued });
    stream.state = events.reduce((s, e) => targetDecider.evolve(s, e), stream.state);
    stream.revision += BigInt(events.length);
    stream.commands.add(context.commandId);
    return true;
  }

  /**
   * Appends what was decided, in order: with the store's `appendMany`, up to `perTransaction` streams' appends
   * in one transaction (one commit, and the followers find them in one batch), else stream by stream.
   * Returns the number of appends.
   */
  async flush(perTransaction = 250): Promise<number> {
    const pending = this.pending;
    this.pending = [];
    for (let from = 0; from < pending.length; from += perTransaction) {
      const chunk = pending.slice(from, from + perTransaction);
      const results: AppendResult[] = [];
      if (this.store.appendMany) results.push(...(await this.store.appendMany(chunk)));
      else
        for (const { streamId, events, expected } of chunk)
          results.push(await this.store.append(streamId, events, expected));
      for (const { position } of results) if (position > this.lastPosition) this.lastPosition = position;
    }
    return pending.length;
  }
}
