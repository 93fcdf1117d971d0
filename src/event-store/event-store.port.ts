/**
 * The event store port (事件存储端口): every adapter (PostgreSQL, embedded PGlite, EventStoreDB)
 * implements exactly this, and the contract suite in test/contract proves it.
 */

/** The acting user, recorded with every event. */
export interface Actor {
  id: string;
  username: string;
  displayName: string;
}

export interface EventMetadata {
  actor: Actor;
  commandId: string;
  correlationId: string;
  causationId: string;
  /** ISO 8601, taken from the command, never from the store's clock. */
  recordedAt: string;
  reason?: string;
  /** Approval document (批准文件 / 文号), where one is given. */
  documentRef?: string;
}

/** What a caller hands to `append`. */
export interface NewEvent<Type extends string = string, Data = unknown> {
  id: string;
  type: Type;
  data: Data;
  schemaVersion: number;
  metadata: EventMetadata;
}

/** An event as read back: the new event plus where it sits. */
export interface RecordedEvent<Type extends string = string, Data = unknown> extends NewEvent<Type, Data> {
  streamId: string;
  /** 0-based revision within its stream. */
  revision: bigint;
  /** Position in the global log; strictly increasing in read order. */
  position: bigint;
}

/** What the caller expects the stream's current revision to be. */
export type ExpectedRevision = bigint | 'no_stream' | 'any';

export interface AppendResult {
  /** Revision of the last event now in the stream (for the caller's next expected revision). */
  nextExpectedRevision: bigint;
  /** Global position of the last appended event. */
  position: bigint;
}

/** One stream's part of `appendMany`. */
export interface StreamAppend {
  streamId: string;
  events: readonly NewEvent[];
  expected: ExpectedRevision;
}

export interface ReadLogOptions {
  /** Read events strictly after this position; omit to read from the start. */
  after?: bigint;
  /** Page size. */
  limit: number;
  /** Only events of these types (the page then holds up to `limit` matching events). */
  types?: readonly string[];
  /** Only events of streams whose name starts with one of these prefixes. */
  streamPrefixes?: readonly string[];
  /** Only events recorded at or before this ISO time (`metadata.recordedAt`): the tail of an "as of" view. */
  recordedUpTo?: string;
}

export interface SubscribeOptions {
  /** Deliver events strictly after this position (a checkpoint); omit for the whole log. */
  after?: bigint;
  /** Stop iterating when this signal aborts. */
  signal?: AbortSignal;
}

export interface EventStore {
  /** Short name for logs and health: 'postgres', 'embedded', 'eventstoredb'. */
  readonly kind: string;
  /**
   * Appends atomically with optimistic concurrency. Re-appending events whose ids are already
   * stored returns the first result and writes nothing.
   * @throws WrongExpectedRevisionError
   */
  append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  /**
   * Optional: several streams' appends in one transaction, all or none (a bulk writer such as the Excel
   * intake saves a commit per stream). Each keeps its expected revision; any conflict or duplicate event
   * id rolls back every one and throws, and the caller then appends stream by stream with `append`.
   * @throws WrongExpectedRevisionError
   */
  appendMany?(appends: ReadonlyArray<StreamAppend>): Promise<AppendResult[]>;
  /** @throws StreamNotFoundError when the stream has no events. */
  readStream(streamId: string): Promise<RecordedEvent[]>;
  /** One page of the global log, in position order. */
  readLog(options: ReadLogOptions): Promise<RecordedEvent[]>;
  /** Position of the newest event that a reader may see now (0n when empty). */
  headPosition(): Promise<bigint>;
  /** The latest `recordedAt` in the log (undefined when empty): a simulated clock resumes from it. */
  lastRecordedAt(): Promise<string | undefined>;
  /** Catch-up subscription: history after the checkpoint, then live events, in position order. */
  subscribe(options?: SubscribeOptions): AsyncIterable<RecordedEvent>;
  /** Liveness probe for /health. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');
