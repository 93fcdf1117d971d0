import { EventMetadata, NewEvent } from '../event-store.port';
import {
  DEFAULT_SCHEMA_VERSION,
  assertAppendable,
  fromEsdbEvent,
  fromStoredMetadata,
  isUserEvent,
  toEsdbEvent,
} from './event-mapping';
import { EventStoreDbPositionError } from './positions';

const metadata: EventMetadata = {
  actor: { id: 'u-1', username: 'office', displayName: '督查室管理员' },
  commandId: 'c0a80101-0000-4000-8000-000000000001',
  correlationId: 'c0a80101-0000-4000-8000-000000000002',
  causationId: 'c0a80101-0000-4000-8000-000000000003',
  recordedAt: '2021-03-10T08:00:00.000Z',
  reason: '年中调整',
  documentRef: '嘉府发〔2021〕1号',
};

const newEvent: NewEvent = {
  id: '7d444840-9dc0-11d1-b245-5ffdce74fad2',
  type: 'TargetAssigned',
  data: { total: '760', unit: '亿元' },
  schemaVersion: 2,
  metadata,
};

describe('toEsdbEvent', () => {
  it('keeps the event id (so EventStoreDB dedupes retries), type and JSON data', () => {
    const event = toEsdbEvent(newEvent);
    expect(event.id).toBe('7d444840-9dc0-11d1-b245-5ffdce74fad2');
    expect(event.type).toBe('TargetAssigned');
    expect(event.contentType).toBe('application/json');
    expect(event.data).toEqual({ total: '760', unit: '亿元' });
  });

  it('stores the metadata plus schemaVersion', () => {
    expect(toEsdbEvent(newEvent).metadata).toEqual({ ...metadata, schemaVersion: 2 });
  });

  it('refuses an event without data', () => {
    expect(() => toEsdbEvent({ ...newEvent, data: undefined })).toThrow(TypeError);
  });
});

describe('fromEsdbEvent', () => {
  it('reads back what toEsdbEvent stored, with stream, revision and position', () => {
    const stored = toEsdbEvent(newEvent);
    const recorded = fromEsdbEvent({
      streamId: 'target-42',
      id: stored.id,
      revision: 3n,
      type: stored.type,
      data: stored.data,
      metadata: stored.metadata,
      position: { commit: 8_192n, prepare: 8_192n },
    });
    expect(recorded).toEqual({
      id: '7d444840-9dc0-11d1-b245-5ffdce74fad2',
      streamId: 'target-42',
      revision: 3n,
      position: 8_192n,
      type: 'TargetAssigned',
      schemaVersion: 2,
      data: { total: '760', unit: '亿元' },
      metadata,
    });
    expect(recorded.metadata).not.toHaveProperty('schemaVersion');
  });

  it('needs a log position', () => {
    expect(() =>
      fromEsdbEvent({ streamId: 's', id: newEvent.id, revision: 0n, type: 'T', data: {}, metadata: {} }),
    ).toThrow(EventStoreDbPositionError);
  });
});

describe('fromStoredMetadata', () => {
  it('splits off the schema version', () => {
    expect(fromStoredMetadata({ ...metadata, schemaVersion: 3 })).toEqual({ metadata, schemaVersion: 3 });
  });

  it('gives events written by something else the default schema version and empty metadata', () => {
    expect(DEFAULT_SCHEMA_VERSION).toBe(1);
    expect(fromStoredMetadata({ source: 'legacy' })).toEqual({ metadata: { source: 'legacy' }, schemaVersion: 1 });
    expect(fromStoredMetadata({ schemaVersion: 'two' })).toEqual({ metadata: {}, schemaVersion: 1 });
    expect(fromStoredMetadata(undefined)).toEqual({ metadata: {}, schemaVersion: 1 });
    expect(fromStoredMetadata(new Uint8Array([1, 2]))).toEqual({ metadata: {}, schemaVersion: 1 });
    expect(fromStoredMetadata(['a'])).toEqual({ metadata: {}, schemaVersion: 1 });
  });
});

describe('isUserEvent', () => {
  it('keeps application events', () => {
    expect(isUserEvent({ streamId: 'target-42', type: 'TargetAssigned' })).toBe(true);
    expect(isUserEvent({ streamId: 'plan-2021', type: 'Plan$Imported' })).toBe(true);
  });

  it('drops system streams, metadata streams and system event types', () => {
    expect(isUserEvent({ streamId: '$stats-127.0.0.1:2113', type: '$statsCollected' })).toBe(false);
    expect(isUserEvent({ streamId: '$ce-target', type: '$>' })).toBe(false);
    expect(isUserEvent({ streamId: '$$target-42', type: '$metadata' })).toBe(false);
    expect(isUserEvent({ streamId: '$projections-$all', type: 'SomethingUserish' })).toBe(false);
    expect(isUserEvent({ streamId: 'target-42', type: '$>' })).toBe(false);
  });
});

describe('assertAppendable', () => {
  it('accepts application streams and types', () => {
    expect(() => assertAppendable('target-42', [newEvent])).not.toThrow();
  });

  it("refuses the '$' names EventStoreDB reserves (the global log leaves them out) and an empty stream id", () => {
    expect(() => assertAppendable('$target-42', [newEvent])).toThrow(/reserved by EventStoreDB/);
    expect(() => assertAppendable('', [newEvent])).toThrow(RangeError);
    expect(() => assertAppendable('target-42', [newEvent, { ...newEvent, type: '$metadata' }])).toThrow(
      "Event type '$metadata' is reserved by EventStoreDB ('$' prefix)",
    );
  });
});
