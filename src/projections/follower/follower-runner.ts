import { Logger } from '@nestjs/common';
import { Pool } from 'pg';
import { withTransaction } from '../../database/transaction';
import { RecordedEvent } from '../../event-store/event-store.port';
import { WakeUps } from '../../event-store/wake-ups';
import { RebuildInProgressError } from '../rebuild/projection-rebuild';
import { quarantineRepository } from '../quarantine/quarantine.repository';
import {
  Checkpoint,
  lockProjection,
  moveCheckpoint,
  Queryable,
  readCheckpoint,
  writeCheckpoint,
} from '../runner/checkpoints';
import { describeError, failureKind } from './failure-kind';
import { Follower } from './follower';
import { Leadership, SOLE_LEADERSHIP } from './leadership';
import { LogFeed } from './log-feed';

export interface FollowerRunnerOptions {
  /** Events per transaction. */
  batchSize?: number;
  /** Delay before the first retry after a transient failure; doubles with each failure in a row. */
  retryDelayMs?: number;
  /** Longest delay between retries. */
  maxRetryDelayMs?: number;
  /** How often a paused runner (another version owns the state) looks at the checkpoint again. */
  pausedPollMs?: number;
  /** How often a standing-by runner (another instance leads) tries to lead and reads the leader's checkpoint. */
  standbyPollMs?: number;
  /**
   * Longest time a checkpoint moved in memory only (over events the follower ignores) waits before it
   * is written; it is also written with the follower's next real batch and on stop.
   */
  lazyCheckpointMs?: number;
}

/**
 * - `rebuilding`: the logic version changed; the state is being rebuilt while readers use the old one.
 * - `following`: applying the log live.
 * - `paused`: the checkpoint carries another version (a rebuild by another process with other code
 *   swapped its table in); this runner stops writing until the versions agree again.
 * - `standby`: another instance on the same database leads this follower; this one follows its
 *   checkpoint (for read-your-writes) and takes over when the leader goes away.
 */
export type FollowerState = 'stopped' | 'rebuilding' | 'following' | 'paused' | 'standby';

export interface FollowerStats {
  batches: number;
  events: number;
  /** Batches that failed (evolve threw, the database went away, …) and were retried from the checkpoint. */
  failures: number;
  /** Batches refused because the checkpoint had moved (a rebuild swapped, another runner wrote). */
  checkpointMoves: number;
  rebuilds: number;
  /** Events this runner put in quarantine. */
  quarantined: number;
  /** Events passed without a transaction: the follower handles none of them (see Follower.handles). */
  skipped: number;
  /** Transactions that moved the checkpoint: batches applied, lazy checkpoint writes, quarantines. */
  checkpointWrites: number;
  /** Of those, the lazy writes of a checkpoint moved in memory over ignored events. */
  lazyWrites: number;
}

/** What /health shows of a follower. */
export interface FollowerHealth {
  name: string;
  role: Follower['role'];
  state: FollowerState;
  /** In memory: reached by applying or by passing ignored events (what readers see); may be ahead of the written checkpoint. */
  position: bigint;
  /** Failed attempts since the last batch that went through. */
  failuresInARow: number;
  lastError?: { message: string; at: string };
  /** Wall-clock time of the last batch applied (or of the start). */
  lastProgressAt: Date;
}

/** A batch found the checkpoint elsewhere than this runner left it. */
export class CheckpointMovedError extends Error {
  constructor(name: string, expected: Checkpoint, found: Checkpoint | undefined) {
    super(
      `${name}: checkpoint moved from ${expected.position} (v${expected.version}) to ` +
        (found ? `${found.position} (v${found.version})` : 'nowhere'),
    );
    this.name = 'CheckpointMovedError';
  }
}

/** Version recorded for state found without a checkpoint: unknown, so a rebuild follows. */
const UNKNOWN_VERSION = -1;

/**
 * Runs one follower live: batches from the shared log feed, from its checkpoint, in order. A
 * transactional follower's batch is one transaction that takes the follower's lock, compare-and-sets
 * the checkpoint and writes the read model; an effects follower acts first, then compare-and-sets the
 * checkpoint in one statement (so does a lazy checkpoint write: neither writes a table).
 *
 * A batch that fails on an event it cannot apply (`poison`) is split in halves until the event is
 * alone; that event goes to the quarantine with the checkpoint moved past it, in one transaction, and
 * the follower goes on. A transient failure (database away, lock lost) is retried from the checkpoint
 * with a growing delay. Nothing stops the follower for good and nothing takes the process down.
 *
 * When the checkpoint's version differs from the follower's at start, the runner first rebuilds (when
 * the follower can), then follows live from the swapped-in checkpoint.
 */
export class FollowerRunner {
  protected readonly logger: Logger;
  /** The checkpoint as written in the database (where a restart or a new leader resumes). */
  private committed = -1n;
  /**
   * Where the follower stands in memory: ≥ `committed`, ahead of it only over events the follower
   * ignores, so the read model at `applied` is the one at `committed`.
   */
  private applied = -1n;
  /** When `applied` first moved ahead of `committed` (undefined when they agree). */
  private dirtySince?: number;
  /** While standing by: what the leader had appended when it moved its checkpoint (reactors). */
  private leaderProduced = -1n;
  private currentState: FollowerState = 'stopped';
  private failuresInARow = 0;
  private lastError?: { message: string; at: string };
  private lastProgressAt = new Date();
  private abort?: AbortController;
  private loop?: Promise<void>;
  private waiters: Array<{ position: bigint; resolve: () => void }> = [];
  /** Wakes a standing-by runner to read the leader's checkpoint at once when someone waits. */
  private readonly standbyWake = new WakeUps();
  readonly stats: FollowerStats = {
    batches: 0,
    events: 0,
    failures: 0,
    checkpointMoves: 0,
    rebuilds: 0,
    quarantined: 0,
    skipped: 0,
    checkpointWrites: 0,
    lazyWrites: 0,
  };

  constructor(
    readonly follower: Follower,
    private readonly pool: Pool,
    private readonly feed: LogFeed,
    private readonly options: FollowerRunnerOptions = {},
    private readonly leadership: Leadership = SOLE_LEADERSHIP,
  ) {
    this.logger = new Logger(`${follower.role === 'reactor' ? 'Reactor' : 'Projection'}:${follower.name}`);
  }

  /** The written checkpoint: the last position whose transaction committed (where a restart resumes). */
  get position(): bigint {
    return this.committed;
  }

  /**
   * Where the follower stands in memory (read-your-writes, /health): the written checkpoint, or ahead
   * of it over events the follower ignores (its state there is the same).
   */
  get appliedPosition(): bigint {
    return this.applied;
  }

  get state(): FollowerState {
    return this.currentState;
  }

  health(): FollowerHealth {
    return {
      name: this.follower.name,
      role: this.follower.role,
      state: this.currentState,
      position: this.applied,
      failuresInARow: this.failuresInARow,
      ...(this.lastError ? { lastError: this.lastError } : {}),
      lastProgressAt: this.lastProgressAt,
    };
  }

  /**
   * Reads (or creates) the checkpoint and starts in the background: a rebuild first if the version
   * changed, then following the log. Resolves once started, not once caught up.
   */
  async start(): Promise<void> {
    if (this.loop) return;
    const checkpoint = await this.loadCheckpoint();
    this.settle(checkpoint.position);
    if (checkpoint.produced !== undefined) this.leaderProduced = checkpoint.produced;
    const rebuildFirst = checkpoint.version !== this.follower.version && !!this.follower.rebuild;
    this.currentState = rebuildFirst
      ? 'rebuilding'
      : checkpoint.version === this.follower.version
        ? 'following'
        : 'paused';
    this.lastProgressAt = new Date();
    this.abort = new AbortController();
    const signal = this.abort.signal;
    this.loop = this.run(signal, rebuildFirst).catch((error: unknown) => {
      // run() handles its own failures; this only keeps a bug there from becoming an unhandled rejection.
      this.logger.error(`follower stopped: ${describeError(error)}`);
    });
  }

  async stop(): Promise<void> {
    this.abort?.abort();
    await this.loop;
    this.loop = undefined;
    this.currentState = 'stopped';
  }

  /**
   * Highest position this follower appended (reactors): its own while leading; the leader's, as of its
   * checkpoint, while standing by (and as recorded at start). Waiting for the read models up to it shows a write's reactions.
   */
  producedPosition(): bigint {
    const own = this.currentState === 'standby' ? -1n : (this.follower.producedPosition?.() ?? -1n);
    // A new leader also answers for what the one before it appended.
    return own > this.leaderProduced ? own : this.leaderProduced;
  }

  /** Resolves once the follower has applied everything up to `position` (read-your-writes). */
  waitFor(position: bigint, timeoutMs = 5000): Promise<boolean> {
    if (this.applied >= position) return Promise.resolve(true);
    if (this.currentState === 'standby') queueMicrotask(() => this.standbyWake.signal());
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        resolve(false);
      }, timeoutMs);
      // A reader still waiting when everything else has stopped (a request at shutdown) keeps no process alive.
      timer.unref();
      const done = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.waiters.push({ position, resolve: done });
    });
  }

  /**
   * Tries a quarantined event again (an office action, after a fix): a reactor acts on it again (its
   * effects are idempotent); a projection is rebuilt from the log, which applies every event in order
   * and quarantines afresh only what still fails. True when the event went through.
   */
  async retryQuarantined(event: RecordedEvent): Promise<boolean> {
    if (this.follower.mode === 'effects') {
      try {
        await this.follower.apply([event], undefined);
      } catch (error) {
        await quarantineRepository.add(this.pool, this.follower.name, event, error);
        return false;
      }
      await quarantineRepository.resolve(this.pool, this.follower.name, [event.position], 'applied on retry');
      return true;
    }
    if (!this.follower.rebuild) return false;
    const result = await this.follower.rebuild(new AbortController().signal);
    this.stats.rebuilds++;
    this.logger.log(`rebuilt on a quarantine retry: ${result.events} events, ${result.quarantined} quarantined`);
    const still = await quarantineRepository.list(this.pool, { unresolvedOnly: true, limit: 10000 });
    return !still.some((q) => q.follower === this.follower.name && q.position === event.position.toString());
  }

  private async run(signal: AbortSignal, rebuildFirst: boolean): Promise<void> {
    try {
      await this.follow(signal, rebuildFirst);
    } finally {
      await this.flushOnStop();
    }
  }

  private async follow(signal: AbortSignal, rebuildFirst: boolean): Promise<void> {
    await this.lead(signal);
    if (rebuildFirst && !signal.aborted) await this.rebuild(signal);
    while (!signal.aborted) {
      if (!this.leadership.holds(this.follower.name)) {
        await this.lead(signal);
        await this.reload();
        continue;
      }
      if (this.currentState === 'paused') {
        await delay(this.options.pausedPollMs ?? 5000, signal);
        if (!signal.aborted) await this.reload();
        continue;
      }
      try {
        await this.consume(signal);
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof CheckpointMovedError) {
          this.stats.checkpointMoves++;
          this.logger.warn(`${error.message} (a rebuild swapped, or another runner wrote); resuming from there`);
        } else {
          this.noteFailure(error);
          const wait = this.retryDelay();
          this.logger.error(
            `batch failed, retrying from checkpoint ${this.committed} in ${wait} ms: ${describeError(error)}`,
          );
          await delay(wait, signal);
          if (signal.aborted) return;
        }
        await this.reload();
      }
    }
  }

  /** Until this instance leads the follower: stands by, keeping up with the leader's checkpoint. */
  private async lead(signal: AbortSignal): Promise<void> {
    while (!signal.aborted && !(await this.leadership.tryAcquire(this.follower.name))) {
      const generation = this.standbyWake.current;
      if (this.currentState !== 'standby') this.logger.log('another instance leads; standing by');
      this.currentState = 'standby';
      try {
        const found = await withTransaction(this.pool, (client) => readCheckpoint(client, this.follower.name));
        if (found?.produced !== undefined && found.produced > this.leaderProduced) this.leaderProduced = found.produced;
        if (found && found.position > this.committed) {
          this.committed = found.position;
          if (found.position > this.applied) this.applied = found.position;
          this.lastProgressAt = new Date();
        }
        this.passIgnoredAhead();
        this.releaseWaiters();
      } catch (error) {
        this.logger.warn(`could not read the leader's checkpoint: ${describeError(error)}`);
      }
      await this.standbyWake.wait(generation, this.waiters.length ? 20 : (this.options.standbyPollMs ?? 1000), signal);
    }
    if (this.currentState === 'standby') {
      // Passed ignored events while standing by: the checkpoint is written lazily from here.
      if (this.applied > this.committed) this.dirtySince = Date.now();
      this.logger.log('leading now');
      this.currentState = 'following';
    }
  }

  /**
   * Standing by: the leader writes its checkpoint lazily over events the follower ignores, so the
   * written one may lag. Events after it that this follower ignores leave its state as written: this
   * runner's own position (for read-your-writes here) passes them in the events already in memory.
   */
  private passIgnoredAhead(): void {
    const handles = this.follower.handles?.bind(this.follower);
    if (!handles) return;
    const ahead = this.feed.peek(this.committed, 5000);
    if (!ahead) return;
    let reached = this.committed;
    for (const event of ahead) {
      if (handles(event)) break;
      reached = event.position;
    }
    if (reached > this.applied) {
      this.applied = reached;
      this.lastProgressAt = new Date();
    }
  }

  private noteFailure(error: unknown): void {
    this.stats.failures++;
    this.failuresInARow++;
    this.lastError = { message: describeError(error), at: new Date().toISOString() };
  }

  private retryDelay(): number {
    const first = this.options.retryDelayMs ?? 500;
    const max = this.options.maxRetryDelayMs ?? 30000;
    return Math.min(max, first * 2 ** Math.min(this.failuresInARow - 1, 20));
  }

  /** Rebuilds for this version, retrying until done (or until someone else did it). */
  private async rebuild(signal: AbortSignal): Promise<void> {
    const rebuild = this.follower.rebuild?.bind(this.follower);
    if (!rebuild) return;
    for (let attempt = 1; !signal.aborted; attempt++) {
      try {
        const current = await this.loadCheckpoint();
        if (current.version === this.follower.version) {
          this.settle(current.position);
          break;
        }
        this.currentState = 'rebuilding';
        this.logger.log(
          `version ${current.version} → ${this.follower.version}: rebuilding from the log; readers keep the old state meanwhile`,
        );
        const result = await rebuild(signal);
        this.stats.rebuilds++;
        this.settle(result.position);
        this.logger.log(
          `rebuilt: ${result.events} events in ${result.seconds.toFixed(1)} s (${Math.round(result.eventsPerSecond)}/s), swapped in at ${result.position}` +
            (result.quarantined ? `; ${result.quarantined} events quarantined` : ''),
        );
        break;
      } catch (error) {
        if (signal.aborted) return;
        const wait = Math.min(
          this.options.maxRetryDelayMs ?? 30000,
          (this.options.retryDelayMs ?? 500) * 2 ** Math.min(attempt - 1, 20),
        );
        if (error instanceof RebuildInProgressError) this.logger.warn(`${error.message}; looking again in ${wait} ms`);
        else {
          this.lastError = { message: describeError(error), at: new Date().toISOString() };
          this.logger.error(`rebuild failed, retrying in ${wait} ms: ${describeError(error)}`);
        }
        await delay(wait, signal);
      }
    }
    if (signal.aborted) return;
    this.currentState = 'following';
    this.lastProgressAt = new Date();
    this.releaseWaiters();
  }

  /** After a failure or a moved checkpoint: where the follower now stands, and whether it is still ours. */
  private async reload(): Promise<void> {
    let current: Checkpoint;
    try {
      current = await this.loadCheckpoint();
    } catch (error) {
      this.logger.error(`could not read the checkpoint: ${describeError(error)}`);
      return;
    }
    if (current.version !== this.follower.version) {
      if (this.currentState !== 'paused') {
        this.logger.warn(
          `the checkpoint now holds version ${current.version} (this process runs ${this.follower.version}); ` +
            `not writing until the versions agree (npm run projections:rebuild ${this.follower.name})`,
        );
      }
      this.currentState = 'paused';
      return;
    }
    this.currentState = 'following';
    this.settle(current.position);
    this.releaseWaiters();
  }

  /** Memory and the written checkpoint agree at `position` (read from or just written to the database). */
  private settle(position: bigint): void {
    this.committed = position;
    this.applied = position;
    this.dirtySince = undefined;
  }

  /** The checkpoint, created on first start; the follower prepares its state when the versions agree. */
  private async loadCheckpoint(): Promise<Checkpoint> {
    return withTransaction(this.pool, async (client) => {
      await lockProjection(client, this.follower.name);
      let checkpoint = await readCheckpoint(client, this.follower.name);
      if (!checkpoint) {
        // State without a checkpoint holds who knows what: rebuild it.
        const orphan = (await this.follower.hasOrphanState?.(client)) ?? false;
        checkpoint = { position: -1n, version: orphan ? UNKNOWN_VERSION : this.follower.version };
        await writeCheckpoint(client, this.follower.name, checkpoint);
      }
      if (checkpoint.version === this.follower.version) await this.follower.prepare?.(client);
      return checkpoint;
    });
  }

  private async consume(signal: AbortSignal): Promise<void> {
    const batchSize = this.options.batchSize ?? 500;
    const lazyMs = this.options.lazyCheckpointMs ?? 200;
    while (!signal.aborted && this.currentState === 'following' && this.leadership.holds(this.follower.name)) {
      let waitMs: number | undefined;
      if (this.dirtySince !== undefined) {
        const left = this.dirtySince + lazyMs - Date.now();
        if (left <= 0) {
          await this.writeLazyCheckpoint();
          continue;
        }
        waitMs = left;
      }
      const batch = await this.feed.read(this.applied, batchSize, signal, waitMs);
      if (batch.length === 0) {
        // Caught up as of now: lag in seconds counts from the last moment the follower was level or moved.
        this.lastProgressAt = new Date();
        continue;
      }
      if (signal.aborted) return;
      await this.applyIsolating(batch, true);
    }
  }

  /**
   * Applies the batch; when it fails on an event that cannot be applied, halves it until that event
   * is alone and quarantines it. Transient failures go up to the retry loop.
   */
  private async applyIsolating(batch: readonly RecordedEvent[], first = false): Promise<void> {
    try {
      await this.applyBatch(batch);
    } catch (error) {
      if (error instanceof CheckpointMovedError || failureKind(error) !== 'poison') throw error;
      if (first) {
        this.noteFailure(error);
        this.logger.error(
          `batch failed, isolating the event it cannot apply from checkpoint ${this.committed}: ${describeError(error)}`,
        );
      }
      if (batch.length === 1) return this.confirmAndQuarantine(batch[0], error);
      const half = Math.ceil(batch.length / 2);
      await this.applyIsolating(batch.slice(0, half));
      await this.applyIsolating(batch.slice(half));
    }
  }

  private async applyBatch(batch: readonly RecordedEvent[]): Promise<void> {
    const last = batch[batch.length - 1].position;
    if (this.follower.handles && !batch.some((event) => this.follower.handles!(event))) return this.pass(batch);
    if (this.follower.mode === 'effects') {
      await this.follower.apply(batch, undefined);
      // Nothing else to write with it: the compare-and-set is a statement of its own.
      await this.moveCheckpointTo(this.pool, last);
    } else {
      await withTransaction(this.pool, async (client) => {
        await lockProjection(client, this.follower.name);
        // The row stays locked to the commit: moved first, then the read model written.
        await this.moveCheckpointTo(client, last);
        await this.follower.apply(batch, client);
      });
    }
    this.advanced(last, batch.length);
  }

  /**
   * A batch the follower handles none of: no transaction. The position moves in memory (waiters are
   * released: the state there is the state at the written checkpoint); the checkpoint is written
   * with the next batch applied, within `lazyCheckpointMs`, or on stop. A crash before that replays
   * these events, which the follower ignores again.
   */
  private pass(batch: readonly RecordedEvent[]): void {
    this.applied = batch[batch.length - 1].position;
    this.dirtySince ??= Date.now();
    this.lastProgressAt = new Date();
    this.stats.events += batch.length;
    this.stats.skipped += batch.length;
    this.releaseWaiters();
  }

  /** Writes the checkpoint moved in memory (compare-and-set, like a batch). */
  private async writeLazyCheckpoint(): Promise<void> {
    const position = this.applied;
    await this.moveCheckpointTo(this.pool, position);
    this.committed = position;
    if (this.applied === position) this.dirtySince = undefined;
    this.stats.checkpointWrites++;
    this.stats.lazyWrites++;
  }

  /** On stop, while still leading: writes a checkpoint left in memory, so a restart does not pass those events again. */
  private async flushOnStop(): Promise<void> {
    if (this.dirtySince === undefined || this.currentState !== 'following') return;
    if (!this.leadership.holds(this.follower.name)) return;
    try {
      await this.writeLazyCheckpoint();
    } catch (error) {
      // Harmless: the events after the written checkpoint are ones the follower ignores.
      this.logger.warn(`could not write the checkpoint on stop (${this.applied}): ${describeError(error)}`);
    }
  }

  /** One more try of the event on its own, a moment later, before it is called poison. */
  private async confirmAndQuarantine(event: RecordedEvent, firstError: unknown): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 50));
    try {
      await this.applyBatch([event]);
    } catch (error) {
      if (error instanceof CheckpointMovedError || failureKind(error) !== 'poison') throw error;
      return this.quarantine(event, error ?? firstError);
    }
  }

  /** The event goes aside (隔离) with the checkpoint moved past it, in one transaction; an alarm is raised. */
  private async quarantine(event: RecordedEvent, error: unknown): Promise<void> {
    await withTransaction(this.pool, async (client) => {
      await lockProjection(client, this.follower.name);
      await this.moveCheckpointTo(client, event.position);
      await quarantineRepository.add(client, this.follower.name, event, error);
    });
    this.stats.quarantined++;
    this.logger.error(
      `QUARANTINED ${event.type} at position ${event.position} (stream ${event.streamId}): ${describeError(error)}; ` +
        `following on without it (GET /api/quarantine, POST /api/quarantine/:id/retry once fixed)`,
    );
    this.advanced(event.position, 1);
  }

  /**
   * Compare-and-set from where this runner left the checkpoint (one statement; the row is then locked
   * to the end of the transaction when there is one). A checkpoint found elsewhere refuses the batch.
   */
  private async moveCheckpointTo(client: Queryable, position: bigint): Promise<void> {
    const expected = { position: this.committed, version: this.follower.version };
    const produced = this.follower.producedPosition?.();
    if (!(await moveCheckpoint(client, this.follower.name, expected, position, produced))) {
      throw new CheckpointMovedError(this.follower.name, expected, await readCheckpoint(client, this.follower.name));
    }
  }

  private advanced(position: bigint, events: number): void {
    this.settle(position);
    this.failuresInARow = 0;
    this.lastProgressAt = new Date();
    this.stats.batches++;
    this.stats.checkpointWrites++;
    this.stats.events += events;
    this.releaseWaiters();
  }

  private releaseWaiters(): void {
    const ready = this.waiters.filter((w) => w.position <= this.applied);
    this.waiters = this.waiters.filter((w) => w.position > this.applied);
    for (const w of ready) w.resolve();
  }
}

const delay = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
