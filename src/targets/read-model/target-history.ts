import { Actor, RecordedEvent } from '../../event-store/event-store.port';
import { isDemoLabelled } from '../../shared/demo-label';
import { targetDecider } from '../domain/target.decider';
import { TargetEvent, TargetState } from '../domain/target.types';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** One line of a target's history (履历): who changed what, when, why and under which document. */
export interface HistoryEntry {
  position: string;
  revision: string;
  type: string;
  recordedAt: string;
  actor: Actor;
  reason?: string;
  approvalDocument?: string;
  changes: FieldChange[];
  data: unknown;
  /** Demo data (labelled 【演示数据 Demo data】): not a real figure, not to be quoted. */
  demo?: true;
}

/** Folds the stream with the decider's own `evolve` and reports each event's effect as field changes. */
export function targetHistory(events: readonly RecordedEvent[]): HistoryEntry[] {
  let state: TargetState = targetDecider.initialState;
  return events.map((recorded) => {
    const before = flatten(state);
    state = targetDecider.evolve(state, { type: recorded.type, data: recorded.data } as TargetEvent);
    const after = flatten(state);
    const data = recorded.data as {
      reason?: string;
      approvalDocument?: string;
      document?: string;
      narrative?: string;
      explanation?: string;
    };
    const reason = recorded.metadata.reason ?? data.reason;
    const approvalDocument = recorded.metadata.documentRef ?? data.approvalDocument ?? data.document;
    return {
      position: recorded.position.toString(),
      revision: recorded.revision.toString(),
      type: recorded.type,
      recordedAt: recorded.metadata.recordedAt,
      actor: recorded.metadata.actor,
      ...(reason !== undefined ? { reason } : {}),
      ...(approvalDocument !== undefined ? { approvalDocument } : {}),
      changes: diff(before, after),
      data: recorded.data,
      ...(isDemoLabelled(reason, approvalDocument, data.narrative) ? { demo: true as const } : {}),
    };
  });
}

function flatten(state: TargetState): Map<string, unknown> {
  const fields = new Map<string, unknown>();
  if (!state) return fields;
  const visit = (prefix: string, value: unknown) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) visit(prefix ? `${prefix}.${key}` : key, inner);
    } else if (value !== undefined) {
      fields.set(prefix, value);
    }
  };
  const { indicator: _indicator, targetId: _id, ...tracked } = state;
  visit('', tracked);
  return fields;
}

function diff(before: Map<string, unknown>, after: Map<string, unknown>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(field);
    const b = after.get(field);
    if (JSON.stringify(a) !== JSON.stringify(b)) changes.push({ field, before: a ?? null, after: b ?? null });
  }
  return changes;
}
