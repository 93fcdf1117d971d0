import { RecordedEvent } from '../../event-store/event-store.port';
import { TargetDocument } from '../../targets/read-model/target-document';
import { ComputedTargets } from './computed-targets';

const event = (id: string, type = 'ProgressReported') =>
  ({ id, type, streamId: `target-${id}` }) as unknown as RecordedEvent;
const doc = (id: string) => ({ id, revision: '1' }) as unknown as TargetDocument;

describe('ComputedTargets', () => {
  it('gives the document computed for an event once, and only for wanted events', () => {
    const computed = new ComputedTargets((e) => e.type === 'ProgressReported');
    computed.record(event('a'), doc('a'));
    computed.record(event('b', 'TargetAssigned'), doc('b'));
    computed.record(event('c'), null);
    expect(computed.has(event('a'))).toBe(true);
    expect(computed.take(event('a'))).toEqual(doc('a'));
    expect(computed.has(event('a'))).toBe(false);
    expect(computed.take(event('a'))).toBeUndefined();
    expect(computed.take(event('b', 'TargetAssigned'))).toBeUndefined();
    expect(computed.take(event('c'))).toBeUndefined();
  });

  it('keeps at most its capacity, dropping the oldest', () => {
    const computed = new ComputedTargets(() => true, 2);
    for (const id of ['a', 'b', 'c']) computed.record(event(id), doc(id));
    expect(computed.size).toBe(2);
    expect(computed.take(event('a'))).toBeUndefined();
    expect(computed.take(event('c'))).toEqual(doc('c'));
  });

  it('waits until every document of a batch is recorded, or until giving up', async () => {
    const computed = new ComputedTargets(() => true);
    computed.record(event('a'), doc('a'));
    let recorded = false;
    const waiting = computed
      .whenRecorded([event('a'), event('b'), event('c')], () => new Promise(() => undefined))
      .then(() => (recorded = true));
    computed.record(event('b'), doc('b'));
    computed.record(event('b'), doc('b'));
    await Promise.resolve();
    expect(recorded).toBe(false);
    computed.record(event('c'), doc('c'));
    await waiting;
    expect(computed.take(event('c'))).toEqual(doc('c'));

    let gaveUp!: () => void;
    const givingUp = computed.whenRecorded([event('d')], () => new Promise<void>((resolve) => (gaveUp = resolve)));
    gaveUp();
    await givingUp;
    expect(computed.has(event('d'))).toBe(false);
  });
});
