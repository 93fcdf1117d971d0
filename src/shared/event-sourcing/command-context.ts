import { Actor } from '../../event-store/event-store.port';

/** Who, when and why: enters with every command from the HTTP layer, the CLI or a reactor. */
export interface CommandContext {
  commandId: string;
  actor: Actor;
  /** The command's time (from the injected clock), recorded on its events. */
  now: Date;
  correlationId?: string;
  causationId?: string;
  reason?: string;
  documentRef?: string;
  /**
   * True when `commandId` came from the client (Idempotency-Key) or an importer: a command already
   * recorded on the stream is answered from the record instead of being decided again.
   */
  idempotent?: boolean;
}

export const SYSTEM_ACTOR: Actor = { id: 'system', username: 'system', displayName: '系统 / System' };
