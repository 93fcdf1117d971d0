import { BulletinContent, BulletinState } from '../domain/bulletin.types';
import { BulletinDocument } from '../read-model/bulletins.projection';

/** GET /api/bulletins/:id: the content at the top level, with the bulletin's state. */
export type BulletinView = BulletinContent & {
  id: string;
  state: BulletinState;
  revision: string;
  issuedAt?: string;
  contentHash?: string;
  draftedAt: string;
  withdrawal?: { reason: string; at: string };
};

export function toBulletinView(doc: BulletinDocument): BulletinView {
  return {
    id: doc.id,
    state: doc.state,
    revision: doc.revision,
    draftedAt: doc.draftedAt,
    ...(doc.issuedAt ? { issuedAt: doc.issuedAt, contentHash: doc.contentHash } : {}),
    ...(doc.withdrawal ? { withdrawal: doc.withdrawal } : {}),
    ...doc.content,
  };
}

/** The content a bulletin view holds (what the hash covers): the view without its state. */
export function contentOfView(view: BulletinView): BulletinContent {
  const {
    id: _i,
    state: _s,
    revision: _r,
    issuedAt: _a,
    contentHash: _h,
    draftedAt: _d,
    withdrawal: _w,
    ...content
  } = view;
  return content;
}
