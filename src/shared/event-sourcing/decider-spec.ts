import { DomainError } from '../problems/domain-error';
import { Decider, DomainEvent } from './decider';

/** `when(command)`: call it to run `decide`, or state what must follow. */
export interface DeciderWhen<Event> {
  (): Event[];
  /** The decision records exactly these events. */
  then(expected: Event[]): void;
  /** The decision is refused with this kind and code; returns the refusal for further checks. */
  thenRefuses(kind: DomainError['kind'], code: string): DomainError;
}

/**
 * Given/when/then for a decider (one helper for every decider spec): `given(events).when(command)`
 * folds the events with `evolve`, then `.then(events)`, `.thenRefuses(kind, code)`, or `()` to get
 * the events for your own assertions.
 */
export function deciderSpec<Command, Event extends DomainEvent, State>(decider: Decider<Command, Event, State>) {
  return function given(events: readonly Event[] = []) {
    const state = events.reduce(decider.evolve, decider.initialState);
    return {
      state,
      when(command: Command): DeciderWhen<Event> {
        const run = () => decider.decide(command, state);
        return Object.assign(run, {
          then: (expected: Event[]) => expect(run()).toEqual(expected),
          thenRefuses(kind: DomainError['kind'], code: string): DomainError {
            const error = refusalOf(run);
            expect(error.kind).toBe(kind);
            expect(error.code).toBe(code);
            return error;
          },
        });
      },
    };
  };
}

/** The DomainError a call throws; fails the test when it throws nothing or something else. */
export function refusalOf(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal (DomainError), but the decision went through');
}
