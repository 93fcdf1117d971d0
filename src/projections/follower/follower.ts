import { PoolClient } from 'pg';
import { RecordedEvent } from '../../event-store/event-store.port';

/**
 * A follower of the log (日志跟随者): a projection that fills read-model tables, or a reactor that
 * turns events into commands. Every follower runs on the same runner (FollowerRunner): one shared
 * reader of the log, batches, a checkpoint moved by compare-and-set under the follower's lock,
 * back-off, pause on a foreign version, waiters for read-your-writes, and a quarantine for events it
 * cannot apply.
 */
export interface Follower {
  /** Processor id; also the checkpoint's name. */
  readonly name: string;
  /** Bump when the logic changes: a follower that can rebuild then rebuilds itself. */
  readonly version: number;
  /**
   * - `transactional`: `apply` writes inside the transaction that moves the checkpoint (read models).
   * - `effects`: `apply` acts before that transaction (appending commands to the event store); its
   *   effects must be idempotent, since a crash in between repeats them.
   */
  readonly mode: 'transactional' | 'effects';
  /** `readModel`: writes wait for it (read-your-writes); `reactor`: writes wait for it and for what it appended. */
  readonly role: 'readModel' | 'reactor';
  /** Under the follower's lock, at start, when the checkpoint is of this version (e.g. create its table). */
  prepare?(client: PoolClient): Promise<void>;
  /** Whether state exists without a checkpoint (a table of unknown origin: rebuild it). */
  hasOrphanState?(client: PoolClient): Promise<boolean>;
  /**
   * Whether `apply` does anything with the event (a projection: it selects a document; a reactor: it
   * reacts). A batch of events none of which it handles passes without a transaction: the checkpoint
   * moves in memory and is written lazily (see FollowerRunner). Absent: every event is handled.
   * Must be exact — an event it says it ignores is never given to `apply` on its own.
   */
  handles?(event: RecordedEvent): boolean;
  /** Applies events in order. `client` is the checkpoint's transaction for `transactional` followers. */
  apply(batch: readonly RecordedEvent[], client: PoolClient | undefined): Promise<void>;
  /** Replays the log into fresh state and swaps it in (rebuild mode); absent when the follower cannot rebuild. */
  rebuild?(signal: AbortSignal): Promise<FollowerRebuildResult>;
  /** Highest position this follower appended to the log so far (reactors), for read-your-writes. */
  producedPosition?(): bigint;
}

export interface FollowerRebuildResult {
  position: bigint;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  quarantined: number;
}
