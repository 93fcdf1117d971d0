import { v7 } from 'uuid';
import { Actor } from '../../event-store/event-store.port';
import { CommandContext } from '../../shared/event-sourcing/command-context';

/** A fresh command context: who acts (the session user or SYSTEM_ACTOR), at the clock's time, and why. */
export function commandContext(actor: Actor, now: Date, reason?: string): CommandContext {
  return {
    commandId: v7(),
    actor: { id: actor.id, username: actor.username, displayName: actor.displayName },
    now,
    ...(reason ? { reason } : {}),
  };
}
