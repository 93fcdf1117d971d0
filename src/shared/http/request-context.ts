import { v7 as uuidv7 } from 'uuid';
import { Actor } from '../../event-store/event-store.port';
import { Clock } from '../clock';
import { CommandContext } from '../event-sourcing/command-context';

/** A command's context from an HTTP request: a fresh command id, the session's actor, the clock's time. */
export function requestContext(actor: Actor, clock: Clock, extras: Partial<CommandContext> = {}): CommandContext {
  return { commandId: uuidv7(), actor, now: clock.now(), ...extras };
}

/** Parses an ETag / If-Match value: `"3"`, `W/"3"` or `3`. */
export function parseRevisionHeader(value: string | undefined): bigint | undefined {
  if (value === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(-?\d+)"?\s*$/.exec(value);
  return match ? BigInt(match[1]) : undefined;
}

export const etagOf = (revision: bigint | string) => `"${revision.toString()}"`;
