import { deciderSpec } from '../../shared/event-sourcing/decider-spec';
import { bulletinDecider } from './bulletin.decider';
import { BulletinEvent, DraftContent, RankingRow } from './bulletin.types';
import { canonicalJson, contentHashOf } from './content-hash';

const given = deciderSpec(bulletinDecider);

const row = (rank: number, unitCode: string, red: number, extra: Partial<RankingRow> = {}): RankingRow => ({
  rank,
  rankChange: null,
  unitCode,
  unitName: unitCode,
  targets: 4,
  onPace: 4 - red,
  completed: 0,
  yellow: 0,
  red,
  overdue: 0,
  score: ((4 - red) / 4).toFixed(4),
  meanPaceRatio: null,
  redAllCompleted: false,
  ...extra,
});

const draft: DraftContent = {
  planCode: 'p',
  planTitle: '计划',
  period: '2021-08',
  cutoff: '2021-09-10T15:59:59.999Z',
  title: '通报',
  summary: '截至…',
  totals: {
    targets: 20,
    judged: 20,
    onPace: 14,
    completed: 2,
    green: 12,
    yellow: 0,
    red: 6,
    overdue: 0,
    notDue: 0,
    notStarted: 0,
  },
  completion: [],
  lagging: [],
  lateReporters: [],
  escalated: [],
  listSize: 2,
  sourcePosition: '9',
  previousBulletinId: null,
  rankings: [
    {
      group: '街镇',
      rows: [
        row(1, 'a', 0),
        row(2, 'b', 0),
        row(3, 'c', 0),
        row(4, 'd', 1),
        row(5, 'e', 2, { redAllCompleted: true }),
        row(6, 'f', 3),
      ],
    },
  ],
};
const drafted: BulletinEvent = { type: 'BulletinDrafted', data: { bulletinId: 'b1', content: draft } };

describe('bulletin decider', () => {
  it('drafts once; the same draft again records nothing', () => {
    given().when({ type: 'DraftBulletin', bulletinId: 'b1', content: draft }).then([drafted]);
    given([drafted]).when({ type: 'DraftBulletin', bulletinId: 'b1', content: draft }).then([]);
    given([drafted])
      .when({ type: 'DraftBulletin', bulletinId: 'b1', content: { ...draft, title: '别的' } })
      .thenRefuses('conflict', 'bulletin-exists');
  });

  it('derives the 红榜 (top N without red) and 黑榜 (bottom N with red, not exempted, not all red completed)', () => {
    const { state } = given([drafted]);
    expect(state!.content.redList.map((e) => e.unitCode)).toEqual(['a', 'b']);
    expect(state!.content.blackList.map((e) => e.unitCode)).toEqual(['f', 'd']);
    const { state: exempted } = given([
      drafted,
      { type: 'BulletinDraftEdited', data: { bulletinId: 'b1', exemptions: [{ unitCode: 'f', reason: '不可抗力' }] } },
    ]);
    expect(exempted!.content.blackList.map((e) => e.unitCode)).toEqual(['d']);
  });

  it('refuses an exemption for a unit not ranked or without a reason', () => {
    const error = given([drafted])
      .when({ type: 'EditBulletinDraft', exemptions: [{ unitCode: 'zz', reason: ' ' }] })
      .thenRefuses('validation', 'invalid-command');
    expect(error.errors.map((e) => e.field)).toEqual(['exemptions[0].unitCode', 'exemptions[0].reason']);
  });

  it('issues with the SHA-256 of the canonical content, then refuses edits and a second issue', () => {
    const [issued] = given([drafted]).when({
      type: 'IssueBulletin',
      documentNo: '督〔2021〕1号',
      issuer: '督查室',
      issuedAt: '2021-09-12T01:00:00.000Z',
    })();
    if (issued.type !== 'BulletinIssued') throw new Error(issued.type);
    expect(issued.data.content).toMatchObject({ documentNo: '督〔2021〕1号', issuer: '督查室', remarks: '' });
    expect(issued.data.contentHash).toBe(contentHashOf(issued.data.content));
    expect(issued.data.contentHash).toMatch(/^[0-9a-f]{64}$/);
    given([drafted, issued])
      .when({ type: 'EditBulletinDraft', remarks: '改' })
      .thenRefuses('conflict', 'bulletin-not-draft');
    given([drafted, issued])
      .when({ type: 'IssueBulletin', documentNo: 'x', issuer: 'y', issuedAt: 'z' })
      .thenRefuses('conflict', 'bulletin-not-draft');
    given([drafted, issued])
      .when({ type: 'WithdrawBulletin', reason: '有误', withdrawnAt: 'w' })
      .then([{ type: 'BulletinWithdrawn', data: { bulletinId: 'b1', reason: '有误', withdrawnAt: 'w' } }]);
  });

  it('refuses to act on a bulletin that does not exist', () => {
    given()
      .when({ type: 'WithdrawBulletin', reason: 'r', withdrawnAt: 'w' })
      .thenRefuses('not_found', 'bulletin-not-found');
  });
});

describe('canonical JSON', () => {
  it('sorts keys at every depth, drops undefined members and has no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [{ d: '文', c: null, x: undefined }], e: true })).toBe(
      '{"a":[{"c":null,"d":"文"}],"b":1,"e":true}',
    );
  });
});
