import { Actor } from '../event-store/event-store.port';
import { DocumentProjection, ProjectedDocument } from '../projections/runner/document-projection';

/** One row per event of the log, for the cross-stream audit trail (审计日志). */
export interface AuditEntry extends ProjectedDocument {
  eventId: string;
  streamId: string;
  revision: string;
  type: string;
  recordedAt: string;
  actor: Actor;
  commandId: string;
  reason?: string;
  documentRef?: string;
  data: unknown;
}

export const auditProjection: DocumentProjection<AuditEntry> = {
  name: 'audit',
  version: 1,
  table: {
    name: 'rm_audit',
    columns: {
      stream_id: { sqlType: 'text', indexed: true, value: (d) => d.streamId },
      type: { sqlType: 'text', indexed: true, value: (d) => d.type },
      actor_username: { sqlType: 'text', indexed: true, value: (d) => d.actor.username },
      recorded_at: { sqlType: 'timestamptz', indexed: true, value: (d) => d.recordedAt },
    },
  },
  select: (e) => ({ key: e.id }),
  evolve: (_doc, e) => ({
    position: e.position.toString(),
    eventId: e.id,
    streamId: e.streamId,
    revision: e.revision.toString(),
    type: e.type,
    recordedAt: e.metadata.recordedAt,
    actor: e.metadata.actor,
    commandId: e.metadata.commandId,
    ...(e.metadata.reason !== undefined ? { reason: e.metadata.reason } : {}),
    ...(e.metadata.documentRef !== undefined ? { documentRef: e.metadata.documentRef } : {}),
    data: e.data,
  }),
};
