import { TargetDocument } from '../targets/read-model/target-document';
import { reconcile } from './reconciliation';

function target(
  indicatorCode: string,
  unitCode: string,
  kind: string,
  unitOfMeasure: string,
  total: string,
  targetUnit?: string,
): TargetDocument {
  return {
    position: '1',
    id: `p.${indicatorCode}.${unitCode}`,
    revision: '0',
    unitCode,
    lifecycle: 'active',
    indicator: {
      planCode: 'p',
      planYear: 2021,
      code: indicatorCode,
      name: indicatorCode,
      category: 'c',
      kind,
      unitOfMeasure,
      decomposition: 'decomposed',
    },
    assessment: { total, ...(targetUnit ? { unitOfMeasure: targetUnit } : {}) },
    assignedAt: '',
    updatedAt: '',
    periods: {},
    status: 'not_started',
  } as TargetDocument;
}

describe('decomposition reconciliation', () => {
  it('sums unit targets in the indicator’s unit and reports the shortfall against the district', () => {
    const lines = reconcile(
      [
        target('I02', 'jiading', 'cumulative', '亿元', '760'),
        target('I02', 'anting', 'cumulative', '亿元', '1760000', '万元'),
        target('I02', 'jiangqiao', 'cumulative', '亿元', '1000000', '万元'),
      ],
      new Set(['jiading']),
    );
    expect(lines).toEqual([
      expect.objectContaining({
        indicatorCode: 'I02',
        districtTarget: '760',
        sumOfUnitTargets: '276',
        difference: '-484',
        unitTargets: 2,
      }),
    ]);
  });

  it('leaves out figures that do not add up: percentages and levels', () => {
    const lines = reconcile(
      [
        target('I12', 'jiading', 'cumulative', '%', '90'),
        target('I12', 'anting', 'cumulative', '%', '90'),
        target('I13', 'jiading', 'level', '公顷', '16'),
        target('I13', 'anting', 'level', '公顷', '16'),
      ],
      new Set(['jiading']),
    );
    expect(lines).toEqual([]);
  });
});
