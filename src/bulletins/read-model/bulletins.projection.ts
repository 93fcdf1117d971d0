import { Actor } from '../../event-store/event-store.port';
import { DocumentProjection, ProjectedDocument } from '../../projections/runner/document-projection';
import { bulletinDecider } from '../domain/bulletin.decider';
import { BULLETIN_EVENT_TYPES, BulletinAggregate, BulletinEvent } from '../domain/bulletin.types';

/** A bulletin as read: the decider's state plus who drafted and issued it. */
export interface BulletinDocument extends ProjectedDocument, BulletinAggregate {
  planCode: string;
  period: string;
  draftedAt: string;
  draftedBy: Actor;
  updatedAt: string;
  issuedBy?: Actor;
  revision: string;
}

const TYPES = new Set<string>(BULLETIN_EVENT_TYPES);

/** Bulletins 通报 (drafts, issued, withdrawn), folded with the decider's own `evolve`. */
export const bulletinsProjection: DocumentProjection<BulletinDocument> = {
  name: 'bulletins',
  version: 1,
  table: {
    name: 'rm_bulletins',
    columns: {
      plan_code: { sqlType: 'text', indexed: true, value: (d) => d.planCode },
      period: { sqlType: 'text', value: (d) => d.period },
      state: { sqlType: 'text', value: (d) => d.state },
      issued_at: { sqlType: 'timestamptz', value: (d) => d.issuedAt ?? null },
    },
  },
  select: (e) => (TYPES.has(e.type) ? { key: (e.data as { bulletinId: string }).bulletinId } : undefined),
  evolve(doc, recorded) {
    const event = { type: recorded.type, data: recorded.data } as BulletinEvent;
    const state = bulletinDecider.evolve(doc ?? null, event);
    if (!state) return doc;
    const at = recorded.metadata.recordedAt;
    return {
      ...(doc ?? { draftedAt: at, draftedBy: recorded.metadata.actor }),
      ...state,
      planCode: state.content.planCode,
      period: state.content.period,
      updatedAt: at,
      ...(event.type === 'BulletinIssued' ? { issuedBy: recorded.metadata.actor } : {}),
      revision: recorded.revision.toString(),
      position: recorded.position.toString(),
    } as BulletinDocument;
  },
};
