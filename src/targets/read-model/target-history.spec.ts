import { RecordedEvent } from '../../event-store/event-store.port';
import { targetHistory } from './target-history';

const actor = { id: 'u1', username: 'office', displayName: '督查室' };
let revision = 0n;
function recorded(type: string, data: unknown, extra: { reason?: string; documentRef?: string } = {}): RecordedEvent {
  const r = revision++;
  return {
    id: `e${r}`,
    streamId: 'target-p.I02.anting',
    revision: r,
    position: 100n + r,
    type,
    data,
    schemaVersion: 1,
    metadata: {
      actor,
      commandId: `c${r}`,
      correlationId: 'x',
      causationId: 'x',
      recordedAt: `2021-0${Number(r) + 1}-01T00:00:00.000Z`,
      ...extra,
    },
  };
}

describe('target history', () => {
  it('shows before and after of an adjustment and a correction, with reason and document', () => {
    revision = 0n;
    const history = targetHistory([
      recorded('TargetAssigned', {
        targetId: 'p.I02.anting',
        indicator: { kind: 'cumulative', unitOfMeasure: '亿元' },
        unitCode: 'anting',
        assessment: { total: '1760000', unitOfMeasure: '万元' },
      }),
      recorded(
        'TargetAdjusted',
        {
          assessment: { total: '1700000', unitOfMeasure: '万元' },
          reason: '疫情',
          approvalDocument: '嘉府〔2021〕15号',
        },
        {
          reason: '疫情',
          documentRef: '嘉府〔2021〕15号',
        },
      ),
      recorded('ProgressReported', { period: '2021-03', unitOfMeasure: '万元', value: '400000' }),
      recorded('ProgressCorrected', { period: '2021-03', reason: '口径更正', value: '410000' }, { reason: '口径更正' }),
    ]);

    expect(history.map((h) => h.type)).toEqual([
      'TargetAssigned',
      'TargetAdjusted',
      'ProgressReported',
      'ProgressCorrected',
    ]);
    expect(history[0].changes).toEqual(
      expect.arrayContaining([{ field: 'assessment.total', before: null, after: '1760000' }]),
    );
    expect(history[1]).toMatchObject({
      reason: '疫情',
      approvalDocument: '嘉府〔2021〕15号',
      actor,
      changes: [{ field: 'assessment.total', before: '1760000', after: '1700000' }],
    });
    expect(history[2].changes).toEqual([{ field: 'reports.2021-03.value', before: null, after: '400000' }]);
    expect(history[3]).toMatchObject({
      reason: '口径更正',
      changes: [{ field: 'reports.2021-03.value', before: '400000', after: '410000' }],
    });
  });
});
