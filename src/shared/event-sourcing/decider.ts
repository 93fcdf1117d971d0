/**
 * A decider (as in Emmett): pure domain logic. `decide` refuses by throwing a DomainError and
 * otherwise returns the events that record the decision; `evolve` folds events into state.
 */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

export interface Decider<Command, Event extends DomainEvent, State> {
  initialState: State;
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
}

/** Compile-time exhaustiveness: a missing case in a switch over a union is a type error. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
