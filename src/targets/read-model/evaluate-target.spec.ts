import { IndicatorSnapshot } from '../domain/target.types';
import { evaluateReport } from './evaluate-target';

const indicator: IndicatorSnapshot = {
  planCode: 'p',
  planYear: 2021,
  code: 'I05',
  name: '房地产开工项目数',
  category: '城市建设',
  kind: 'cumulative',
  unitOfMeasure: '个',
  decomposition: 'decomposed',
};

describe('evaluating a report against a target', () => {
  it('compares a report in 万元 with a target in 亿元 after an exact conversion', () => {
    const money = { ...indicator, unitOfMeasure: '亿元' };
    const evaluation = evaluateReport(
      money,
      { total: '176' },
      '2021-06',
      { value: '880000', unitOfMeasure: '万元' },
      '2021-07-05',
    );
    expect(evaluation).toMatchObject({ status: 'green', completion: '0.5', expectedPace: '0.5', paceRatio: '1' });
  });

  it('counts a target of 0 as met from the start instead of failing', () => {
    expect(evaluateReport(indicator, { total: '0' }, '2021-03', { value: '0' }, '2021-04-05')).toEqual({
      status: 'completed',
      ruleValues: { target: '0' },
    });
  });

  it('leaves a report unjudged when the rules cannot judge it, rather than stopping the read models', () => {
    expect(evaluateReport(indicator, { total: '-5' }, '2021-03', { value: '1' }, '2021-04-05')).toBeUndefined();
    expect(
      evaluateReport(indicator, { text: '完成市下达目标' }, '2021-03', { value: '3' }, '2021-04-05'),
    ).toBeUndefined();
  });
});
