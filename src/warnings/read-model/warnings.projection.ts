import { Actor, RecordedEvent } from '../../event-store/event-store.port';
import { DocumentProjection, ProjectedDocument } from '../../projections/runner/document-projection';
import { WARNING_EVENT_TYPES, WarningEvent, WarningKind, WarningLevel, WarningState } from '../domain/warning.types';

export interface WarningHistoryEntry {
  type: WarningEvent['type'];
  at: string;
  by: Actor;
  level?: WarningLevel;
  period?: string;
  reason?: string;
}

export interface WarningDocument extends ProjectedDocument {
  id: string;
  targetId: string;
  planCode: string;
  indicatorCode: string;
  unitCode: string;
  kind: WarningKind;
  level: WarningLevel;
  state: WarningState;
  escalated: boolean;
  raisedAt: string;
  period: string;
  reason: string;
  ruleValues: Record<string, string>;
  acknowledgement?: { explanation: string; measures: string; at: string; by: Actor };
  clearedAt?: string;
  history: WarningHistoryEntry[];
}

const TYPES = new Set<string>(WARNING_EVENT_TYPES);

/** Warnings with their lifecycle; the history lists raising, updates, escalation, acknowledgement and clearing. */
export const warningsProjection: DocumentProjection<WarningDocument> = {
  name: 'warnings',
  version: 1,
  table: {
    name: 'rm_warnings',
    columns: {
      plan_code: { sqlType: 'text', indexed: true, value: (d) => d.planCode },
      unit_code: { sqlType: 'text', indexed: true, value: (d) => d.unitCode },
      target_id: { sqlType: 'text', indexed: true, value: (d) => d.targetId },
      level: { sqlType: 'text', value: (d) => d.level },
      state: { sqlType: 'text', indexed: true, value: (d) => d.state },
    },
  },
  select: (e) => (TYPES.has(e.type) ? { key: (e.data as { warningId: string }).warningId } : undefined),
  evolve: (doc, e) => evolveWarning(doc, e),
};

export function evolveWarning(doc: WarningDocument | undefined, recorded: RecordedEvent): WarningDocument | undefined {
  const event = { type: recorded.type, data: recorded.data } as WarningEvent;
  const at = recorded.metadata.recordedAt;
  const by = recorded.metadata.actor;
  if (event.type === 'WarningRaised') {
    const d = event.data;
    return {
      position: '',
      id: d.warningId,
      targetId: d.targetId,
      planCode: d.planCode,
      indicatorCode: d.indicatorCode,
      unitCode: d.unitCode,
      kind: d.kind,
      level: d.level,
      state: 'raised',
      escalated: false,
      raisedAt: at,
      period: d.period,
      reason: d.reason,
      ruleValues: d.ruleValues,
      history: [{ type: event.type, at, by, level: d.level, period: d.period, reason: d.reason }],
    };
  }
  if (!doc) return undefined;
  const history = (entry: Omit<WarningHistoryEntry, 'type' | 'at' | 'by'> = {}) => [
    ...doc.history,
    { type: event.type, at, by, ...entry },
  ];
  switch (event.type) {
    case 'WarningUpdated': {
      const d = event.data;
      return {
        ...doc,
        level: d.level,
        period: d.period,
        reason: d.reason,
        ruleValues: d.ruleValues,
        history: history({ level: d.level, period: d.period, reason: d.reason }),
      };
    }
    case 'WarningEscalated':
      return {
        ...doc,
        state: 'escalated',
        escalated: true,
        history: history({ period: event.data.period, reason: event.data.reason }),
      };
    case 'WarningAcknowledged':
      return {
        ...doc,
        state: 'acknowledged',
        acknowledgement: { explanation: event.data.explanation, measures: event.data.measures, at, by },
        history: history(),
      };
    case 'WarningCleared':
      return {
        ...doc,
        state: 'cleared',
        clearedAt: at,
        history: history({ period: event.data.period, reason: event.data.reason }),
      };
    default:
      return doc;
  }
}
