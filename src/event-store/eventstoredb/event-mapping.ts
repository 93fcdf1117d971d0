import { EventData, JSONType, Position, jsonEvent } from '@eventstore/db-client';
import { EventMetadata, NewEvent, RecordedEvent } from '../event-store.port';
import { globalPositionOf } from './positions';

/** Schema version given to an event whose metadata carries none (written by something else). */
export const DEFAULT_SCHEMA_VERSION = 1;

/** The fields of an EventStoreDB recorded event this adapter reads. */
export interface EsdbRecordedEventLike {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  data: unknown;
  metadata: unknown;
  position?: Position;
}

/** What EventStoreDB stores as an event's metadata: the port's metadata plus `schemaVersion`. */
export type StoredMetadata = EventMetadata & { schemaVersion: number };

/**
 * EventStoreDB reserves `$`-prefixed stream names and event types for itself, and the global log
 * leaves them out: an application event written there would never reach a projection.
 */
export function assertAppendable(streamId: string, events: readonly NewEvent[]): void {
  if (streamId === '' || streamId.startsWith('$')) {
    throw new RangeError(`Stream id '${streamId}' is empty or reserved by EventStoreDB ('$' prefix)`);
  }
  const reserved = events.find((e) => e.type.startsWith('$'));
  if (reserved) throw new RangeError(`Event type '${reserved.type}' is reserved by EventStoreDB ('$' prefix)`);
}

/** A new event as an EventStoreDB JSON event; its id is the NewEvent id (so EventStoreDB dedupes retries). */
export function toEsdbEvent(event: NewEvent): EventData {
  if (event.data === undefined) throw new TypeError(`Event ${event.id} (${event.type}) has no data`);
  const metadata: StoredMetadata = { ...event.metadata, schemaVersion: event.schemaVersion };
  return jsonEvent({
    id: event.id,
    type: event.type,
    // Any JSON value is stored as written; the client's type only names objects, arrays and strings.
    data: event.data as JSONType,
    metadata,
  });
}

/** Splits stored metadata back into the port's metadata and the schema version. */
export function fromStoredMetadata(stored: unknown): { metadata: EventMetadata; schemaVersion: number } {
  if (stored === null || typeof stored !== 'object' || Array.isArray(stored) || stored instanceof Uint8Array) {
    // Not written by this adapter (binary or no metadata): nothing to recover.
    return { metadata: {} as EventMetadata, schemaVersion: DEFAULT_SCHEMA_VERSION };
  }
  const { schemaVersion, ...metadata } = stored as Record<string, unknown>;
  return {
    metadata: metadata as unknown as EventMetadata,
    schemaVersion:
      typeof schemaVersion === 'number' && Number.isInteger(schemaVersion) ? schemaVersion : DEFAULT_SCHEMA_VERSION,
  };
}

/** An EventStoreDB recorded event as the port's RecordedEvent. */
export function fromEsdbEvent(event: EsdbRecordedEventLike): RecordedEvent {
  const { metadata, schemaVersion } = fromStoredMetadata(event.metadata);
  return {
    id: event.id,
    streamId: event.streamId,
    revision: event.revision,
    position: globalPositionOf(event.position, `event ${event.id} in '${event.streamId}'`),
    type: event.type,
    schemaVersion,
    data: event.data,
    metadata,
  };
}

/**
 * Events of the application: not in a system stream (`$…`, including `$$…` metadata streams) and not
 * of a system type (`$…`: links `$>`, `$metadata`, statistics, projection bookkeeping).
 */
export function isUserEvent(event: { streamId: string; type: string }): boolean {
  return !event.streamId.startsWith('$') && !event.type.startsWith('$');
}
