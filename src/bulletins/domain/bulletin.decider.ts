import { assertNever, Decider } from '../../shared/event-sourcing/decider';
import { sameContent } from '../../shared/event-sourcing/same-content';
import { conflict, DomainError, refuseIf } from '../../shared/problems/domain-error';
import { honourLists } from './bulletin-lists';
import {
  BulletinAggregate,
  BulletinCommand,
  BulletinContent,
  BulletinEvent,
  BulletinStateOrNone,
  DraftContent,
  Exemption,
} from './bulletin.types';
import { contentHashOf } from './content-hash';

const notDraft = (state: BulletinAggregate) =>
  new DomainError(
    'conflict',
    'bulletin-not-draft',
    `通报已${state.state === 'issued' ? '印发' : '撤回'}，不能修改 / The bulletin is ${state.state}: it can no longer be changed`,
    [],
    { state: state.state },
  );

/** The draft's content with the office's remarks and exemptions, the lists derived from them. */
export function contentOf(
  draft: DraftContent,
  remarks: string,
  exemptions: Exemption[],
  issue?: { documentNo: string; issuer: string },
): BulletinContent {
  return {
    ...draft,
    remarks,
    exemptions,
    ...honourLists(draft.rankings, exemptions, draft.listSize),
    documentNo: issue?.documentNo ?? null,
    issuer: issue?.issuer ?? null,
  };
}

/** A bulletin (通报): draft → issued → withdrawn. Issued content never changes; its SHA-256 is on the issuing event. */
export const bulletinDecider: Decider<BulletinCommand, BulletinEvent, BulletinStateOrNone> = {
  initialState: null,
  decide(command, state) {
    switch (command.type) {
      case 'DraftBulletin': {
        if (state === null)
          return [{ type: 'BulletinDrafted', data: { bulletinId: command.bulletinId, content: command.content } }];
        if (sameContent(state.content, contentOf(command.content, '', []))) return [];
        throw conflict(
          'bulletin-exists',
          `通报 ${command.bulletinId} 已存在 / Bulletin '${command.bulletinId}' already exists`,
        );
      }
      case 'EditBulletinDraft': {
        const current = existing(state);
        if (current.state !== 'draft') throw notDraft(current);
        const units = new Set(current.content.rankings.flatMap((g) => g.rows.map((r) => r.unitCode)));
        refuseIf(
          (command.exemptions ?? []).flatMap((e, i) => [
            ...(units.has(e.unitCode)
              ? []
              : [
                  {
                    field: `exemptions[${i}].unitCode`,
                    message: `单位 ${e.unitCode} 不在本期排名中 / unit '${e.unitCode}' is not ranked in this bulletin`,
                  },
                ]),
            ...(e.reason.trim()
              ? []
              : [{ field: `exemptions[${i}].reason`, message: '豁免须说明理由 / an exemption needs a reason' }]),
          ]),
        );
        return [
          {
            type: 'BulletinDraftEdited',
            data: {
              bulletinId: current.id,
              ...(command.remarks !== undefined ? { remarks: command.remarks } : {}),
              ...(command.exemptions ? { exemptions: command.exemptions } : {}),
            },
          },
        ];
      }
      case 'IssueBulletin': {
        const current = existing(state);
        if (current.state !== 'draft') throw notDraft(current);
        const c = current.content;
        const content = contentOf(c, c.remarks, c.exemptions, {
          documentNo: command.documentNo,
          issuer: command.issuer,
        });
        return [
          {
            type: 'BulletinIssued',
            data: { bulletinId: current.id, issuedAt: command.issuedAt, content, contentHash: contentHashOf(content) },
          },
        ];
      }
      case 'WithdrawBulletin': {
        const current = existing(state);
        if (current.state === 'withdrawn') return [];
        return [
          {
            type: 'BulletinWithdrawn',
            data: { bulletinId: current.id, reason: command.reason, withdrawnAt: command.withdrawnAt },
          },
        ];
      }
      default:
        return assertNever(command);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'BulletinDrafted':
        return { id: event.data.bulletinId, state: 'draft', content: contentOf(event.data.content, '', []) };
      case 'BulletinDraftEdited': {
        if (!state) return state;
        const remarks = event.data.remarks ?? state.content.remarks;
        const exemptions = event.data.exemptions ?? state.content.exemptions;
        return { ...state, content: contentOf(state.content, remarks, exemptions) };
      }
      case 'BulletinIssued':
        return (
          state && {
            ...state,
            state: 'issued',
            content: event.data.content,
            issuedAt: event.data.issuedAt,
            contentHash: event.data.contentHash,
          }
        );
      case 'BulletinWithdrawn':
        return (
          state && {
            ...state,
            state: 'withdrawn',
            withdrawal: { reason: event.data.reason, at: event.data.withdrawnAt },
          }
        );
      default:
        return assertNever(event);
    }
  },
};

function existing(state: BulletinStateOrNone): BulletinAggregate {
  if (!state) throw new DomainError('not_found', 'bulletin-not-found', '通报不存在 / Bulletin not found');
  return state;
}
