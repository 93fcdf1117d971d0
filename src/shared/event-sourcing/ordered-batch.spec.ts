import { MemoryEventStore } from '../../event-store/memory/memory-event-store';
import { DomainError } from '../problems/domain-error';
import { CommandContext } from './command-context';
import { Decider } from './decider';
import { executeInOrder, OrderedCommand } from './ordered-batch';
import { StreamStates } from './stream-states';

/** A tally per stream that refuses to go above 10. */
type Command = { type: 'Add'; amount: number };
type Event = { type: 'Added'; data: { amount: number } };
const capped: Decider<Command, Event, number> = {
  initialState: 0,
  decide: (command, total) => {
    if (total + command.amount > 10) throw new DomainError('conflict', 'over-cap', '超过上限 / Over the cap');
    return [{ type: 'Added', data: { amount: command.amount } }];
  },
  evolve: (total, event) => total + event.data.amount,
};

const add = (streamId: string, amount: number, commandId: string): OrderedCommand<Command, number> => ({
  streamId,
  command: { type: 'Add', amount },
  context: {
    commandId,
    actor: { id: 'u1', username: 'office', displayName: '督查室' },
    now: new Date('2021-04-05T02:00:00Z'),
    idempotent: true,
  } satisfies CommandContext,
});

class CountingStore extends MemoryEventStore {
  reads = 0;
  override readStream(...args: Parameters<MemoryEventStore['readStream']>) {
    this.reads++;
    return super.readStream(...args);
  }
}

const totals = async (store: MemoryEventStore, ...streams: string[]) =>
  Promise.all(
    streams.map(async (s) =>
      (await store.readStream(s)).reduce((t, e) => t + (e.data as { amount: number }).amount, 0),
    ),
  );

describe('ordered batches with remembered stream states (on the in-memory event store)', () => {
  it('decides a later batch on the states the last one left, reading no stream, appending the same log', async () => {
    const store = new CountingStore();
    const states = new StreamStates<number>();
    await executeInOrder(store, capped, [add('a', 2, 'c1'), add('b', 3, 'c2')], { allOrNone: true, states });
    const reads = store.reads;
    const results = await executeInOrder(store, capped, [add('a', 4, 'c3'), add('b', 5, 'c4')], {
      allOrNone: true,
      states,
    });
    expect(store.reads).toBe(reads);
    expect(results.map((r) => [r.outcome.kind, r.revision])).toEqual([
      ['written', 1n],
      ['written', 1n],
    ]);
    expect(await totals(store, 'a', 'b')).toEqual([6, 8]);
  });

  it('answers a repeat of a recorded command from the stream, not from the remembered state', async () => {
    const store = new MemoryEventStore();
    const states = new StreamStates<number>();
    await executeInOrder(store, capped, [add('a', 2, 'c1')], { states });
    const [again] = await executeInOrder(store, capped, [add('a', 2, 'c1')], { states });
    expect(again.outcome.kind).toBe('repeated');
    expect(await totals(store, 'a')).toEqual([2]);
  });

  it('decides again on a fresh read when another writer overtook a remembered state', async () => {
    const store = new MemoryEventStore();
    const states = new StreamStates<number>();
    await executeInOrder(store, capped, [add('a', 2, 'c1')], { states });
    await executeInOrder(store, capped, [add('a', 3, 'c2')]);
    const [result] = await executeInOrder(store, capped, [add('a', 1, 'c3')], { allOrNone: true, states });
    expect([result.outcome.kind, result.revision]).toEqual(['written', 2n]);
    expect(await totals(store, 'a')).toEqual([6]);
  });

  it('makes a refusal again on the stream as it is, not on the remembered state', async () => {
    const store = new MemoryEventStore();
    const states = new StreamStates<number>();
    await executeInOrder(store, capped, [add('a', 10, 'c1')], { states });
    await executeInOrder(store, capped, [add('a', -6, 'c2')]);
    // Remembered: 10 (full); the stream: 4, so 5 more fit.
    const [result] = await executeInOrder(store, capped, [add('a', 5, 'c3')], { allOrNone: true, states });
    expect(result.outcome.kind).toBe('written');
    await expect(executeInOrder(store, capped, [add('a', 5, 'c4')], { allOrNone: true, states })).rejects.toMatchObject(
      { code: 'over-cap' },
    );
    expect(await totals(store, 'a')).toEqual([9]);
  });
});
