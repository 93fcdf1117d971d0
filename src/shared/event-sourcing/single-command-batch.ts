import { EventStore } from '../../event-store/event-store.port';
import { DomainError } from '../problems/domain-error';
import { Decider, DomainEvent } from './decider';
import { executeInOrder, OrderedBatchOptions, OrderedCommand, OrderedResult } from './ordered-batch';

/**
 * A batch of commands each exactly as it would be sent alone: every item translated, in order, to the
 * command its single handler would decide (`translate`; a DomainError refuses that item only, at revision
 * -1n), then all decided and appended by `executeInOrder`. The results are in the items' order.
 */
export async function executeSingleCommands<Item, Command, Event extends DomainEvent, State>(
  store: EventStore,
  decider: Decider<Command, Event, State>,
  items: readonly Item[],
  translate: (item: Item) => Promise<OrderedCommand<Command, State>> | OrderedCommand<Command, State>,
  options?: OrderedBatchOptions,
): Promise<OrderedResult[]> {
  const translated: Array<OrderedCommand<Command, State> | DomainError> = [];
  for (const item of items) {
    try {
      translated.push(await translate(item));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      translated.push(error);
    }
  }
  const ordered = translated.filter((t): t is OrderedCommand<Command, State> => !(t instanceof DomainError));
  const decided = await executeInOrder(store, decider, ordered, options);
  let next = 0;
  return translated.map((t) =>
    t instanceof DomainError ? { outcome: { kind: 'refused', error: t }, revision: -1n } : decided[next++],
  );
}
