import { WrongExpectedRevisionError } from '../../event-store/event-store.errors';
import { NewEvent } from '../../event-store/event-store.port';
import { MemoryEventStore } from '../../event-store/memory/memory-event-store';
import { DomainError } from '../problems/domain-error';
import { CommandContext } from './command-context';
import { executeCommand } from './command-executor';
import { Decider } from './decider';
import { StreamStates } from './stream-states';

/** A tally per stream: `Add n` appends `Added n`; the state is the total. */
type Command = { type: 'Add'; amount: number };
type Event = { type: 'Added'; data: { amount: number } };
const tally: Decider<Command, Event, number> = {
  initialState: 0,
  decide: (command) => [{ type: 'Added', data: { amount: command.amount } }],
  evolve: (total, event) => total + event.data.amount,
};

const context = (commandId: string): CommandContext => ({
  commandId,
  actor: { id: 'u1', username: 'office', displayName: '督查室' },
  now: new Date('2021-04-05T02:00:00Z'),
  idempotent: true,
});

/** A store where another writer gets in between read and append, `times` times. */
class RacedStore extends MemoryEventStore {
  constructor(private times: number) {
    super();
  }

  override async append(
    streamId: string,
    events: readonly NewEvent[],
    expected: Parameters<MemoryEventStore['append']>[2],
  ) {
    if (this.times-- > 0) {
      const stream = await this.readStream(streamId).catch(() => []);
      const rival = {
        ...events[0],
        id: crypto.randomUUID(),
        metadata: { ...events[0].metadata, commandId: crypto.randomUUID() },
      };
      await super.append(streamId, [rival], stream.length ? stream[stream.length - 1].revision : 'no_stream');
      throw new WrongExpectedRevisionError(streamId, String(expected), BigInt(stream.length));
    }
    return super.append(streamId, events, expected);
  }
}

describe('command executor (on the in-memory event store)', () => {
  it('loads, decides and appends with the expected revision, returning the new state and revision', async () => {
    const store = new MemoryEventStore();
    const first = await executeCommand(store, tally, 's-1', { type: 'Add', amount: 2 }, context('c1'));
    const second = await executeCommand(store, tally, 's-1', { type: 'Add', amount: 3 }, context('c2'));
    expect([first.state, first.revision, second.state, second.revision]).toEqual([2, 0n, 5, 1n]);
    expect((await store.readStream('s-1')).map((e) => e.metadata.commandId)).toEqual(['c1', 'c2']);
  });

  it('appends nothing for a command it has recorded already (idempotent replay)', async () => {
    const store = new MemoryEventStore();
    await executeCommand(store, tally, 's-1', { type: 'Add', amount: 2 }, context('c1'));
    const again = await executeCommand(store, tally, 's-1', { type: 'Add', amount: 2 }, context('c1'));
    expect(again.repeated).toBe(true);
    expect(await store.readStream('s-1')).toHaveLength(1);
  });

  it('refuses a stale If-Match revision (412) without retrying, naming the current revision', async () => {
    const store = new MemoryEventStore();
    await executeCommand(store, tally, 's-1', { type: 'Add', amount: 2 }, context('c1'));
    await executeCommand(store, tally, 's-1', { type: 'Add', amount: 2 }, context('c2'));
    const error = await executeCommand(store, tally, 's-1', { type: 'Add', amount: 1 }, context('c3'), {
      expectedRevision: 0n,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      kind: 'precondition_failed',
      code: 'stale-revision',
      extensions: { currentRevision: '1' },
    });
  });

  it('decides again on the fresh state after another writer got in between', async () => {
    const store = new RacedStore(3);
    const result = await executeCommand(store, tally, 's-1', { type: 'Add', amount: 10 }, context('c1'));
    // Three racing writes of 10, then ours on top of them.
    expect([result.state, result.revision]).toEqual([40, 3n]);
  });

  it('gives up after its retries with a 409 that says it may be retried and names the revision', async () => {
    const store = new RacedStore(100);
    const error = await executeCommand(store, tally, 's-1', { type: 'Add', amount: 1 }, context('c1'), {
      retries: 2,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'conflict', code: 'concurrent-modification', extensions: { retryable: true } });
  });

  it('checks authorization against the loaded state before deciding', async () => {
    const store = new MemoryEventStore();
    const forbid = () => {
      throw new DomainError('forbidden', 'not-yours', '无权 / Not yours');
    };
    const error = await executeCommand(store, tally, 's-1', { type: 'Add', amount: 1 }, context('c1'), {
      authorize: forbid,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'forbidden', code: 'not-yours' });
    await expect(store.readStream('s-1')).rejects.toThrow(/not found/);
  });

  describe('with remembered stream states', () => {
    /** Like the tally, but refuses to go above 10. */
    const capped: Decider<Command, Event, number> = {
      ...tally,
      decide: (command, total) => {
        if (total + command.amount > 10) throw new DomainError('conflict', 'over-cap', '超过上限 / Over the cap');
        return tally.decide(command, total);
      },
    };
    const plain = (commandId: string): CommandContext => ({ ...context(commandId), idempotent: false });

    class CountingStore extends MemoryEventStore {
      reads = 0;
      override readStream(...args: Parameters<MemoryEventStore['readStream']>) {
        this.reads++;
        return super.readStream(...args);
      }
    }

    it('decides on the state of its last write without reading the stream again', async () => {
      const store = new CountingStore();
      const states = new StreamStates<number>();
      await executeCommand(store, tally, 's-1', { type: 'Add', amount: 2 }, plain('c1'), { states });
      const second = await executeCommand(store, tally, 's-1', { type: 'Add', amount: 3 }, plain('c2'), { states });
      expect([second.state, second.revision, store.reads]).toEqual([5, 1n, 1]);
      expect(states.get('s-1')).toEqual({ state: 5, revision: 1n, commandIds: new Set(['c1', 'c2']) });
    });

    it('decides again on a fresh read when another writer overtook the remembered state', async () => {
      const store = new CountingStore();
      const states = new StreamStates<number>();
      await executeCommand(store, tally, 's-1', { type: 'Add', amount: 2 }, plain('c1'), { states });
      await executeCommand(store, tally, 's-1', { type: 'Add', amount: 4 }, plain('c2'));
      const third = await executeCommand(store, tally, 's-1', { type: 'Add', amount: 1 }, plain('c3'), { states });
      expect([third.state, third.revision]).toEqual([7, 2n]);
      expect((await store.readStream('s-1')).map((e) => e.data)).toEqual([{ amount: 2 }, { amount: 4 }, { amount: 1 }]);
    });

    it('makes a refusal again on the stream as it is, not on the remembered state', async () => {
      const store = new MemoryEventStore();
      const states = new StreamStates<number>();
      await executeCommand(store, capped, 's-1', { type: 'Add', amount: 10 }, plain('c1'), { states });
      await executeCommand(store, capped, 's-1', { type: 'Add', amount: -6 }, plain('c2'));
      // Remembered: 10 (full); the stream: 4, so 5 more fit.
      const result = await executeCommand(store, capped, 's-1', { type: 'Add', amount: 5 }, plain('c3'), { states });
      expect(result.state).toBe(9);
      const refused = await executeCommand(store, capped, 's-1', { type: 'Add', amount: 5 }, plain('c4'), {
        states,
      }).catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: 'over-cap' });
    });

    it('checks an If-Match against the stream, not against an overtaken remembered revision', async () => {
      const store = new MemoryEventStore();
      const states = new StreamStates<number>();
      await executeCommand(store, tally, 's-1', { type: 'Add', amount: 1 }, plain('c1'), { states });
      await executeCommand(store, tally, 's-1', { type: 'Add', amount: 1 }, plain('c2'));
      const result = await executeCommand(store, tally, 's-1', { type: 'Add', amount: 1 }, plain('c3'), {
        states,
        expectedRevision: 1n,
      });
      expect([result.state, result.revision]).toEqual([3, 2n]);
    });

    it('reads the history for an idempotent command, so a repeat is still recognised', async () => {
      const store = new MemoryEventStore();
      const states = new StreamStates<number>();
      await executeCommand(store, tally, 's-1', { type: 'Add', amount: 2 }, context('c1'), { states });
      await executeCommand(store, tally, 's-1', { type: 'Add', amount: 3 }, plain('c2'), { states });
      const again = await executeCommand(store, tally, 's-1', { type: 'Add', amount: 2 }, context('c1'), { states });
      expect([again.repeated, again.state]).toEqual([true, 5]);
      expect(await store.readStream('s-1')).toHaveLength(2);
    });

    it('decides a new idempotent command on the remembered state, knowing every command id on the stream', async () => {
      const store = new CountingStore();
      const states = new StreamStates<number>();
      await executeCommand(store, tally, 's-1', { type: 'Add', amount: 2 }, context('c1'), { states });
      const second = await executeCommand(store, tally, 's-1', { type: 'Add', amount: 3 }, context('c2'), { states });
      const repeat = await executeCommand(store, tally, 's-1', { type: 'Add', amount: 3 }, context('c2'), { states });
      expect([second.repeated, repeat.repeated, repeat.state, store.reads]).toEqual([false, true, 5, 2]);
    });

    it('forgets the least recently used streams beyond its capacity', () => {
      const states = new StreamStates<number>(2);
      states.set('a', { state: 1, revision: 0n });
      states.set('b', { state: 2, revision: 0n });
      states.get('a');
      states.set('c', { state: 3, revision: 0n });
      expect([states.get('a')?.state, states.get('b'), states.get('c')?.state]).toEqual([1, undefined, 3]);
    });
  });
});
