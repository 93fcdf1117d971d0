import { EvaluationJson } from '../../rules';

const STATUS_NAMES: Record<string, string> = {
  completed: '已完成 completed',
  green: '正常 green',
  yellow: '黄色 yellow',
  red: '红色 red',
};

const percent = (fraction: string) => `${(Number(fraction) * 100).toFixed(1)}%`;

/**
 * A sentence for the warning list: what was measured against what (Chinese, then English figures). A
 * ceiling (限值) names the value against its cap: "实际 332，上限 310 / 332 against a cap of 310".
 */
export function statusReason(period: string, evaluation: EvaluationJson, value?: string, unitOfMeasure = ''): string {
  const parts = [`${period} ${STATUS_NAMES[evaluation.status] ?? evaluation.status}`];
  const cap = evaluation.ruleValues.cap;
  if (cap !== undefined && value !== undefined) {
    const unit = unitOfMeasure ? ` ${unitOfMeasure}` : '';
    parts.push(`实际 ${value}${unit}，上限 ${cap}${unit} / ${value}${unit} against a cap of ${cap}${unit}`);
  }
  if (evaluation.completion) parts.push(`完成 ${percent(evaluation.completion)}`);
  if (evaluation.expectedPace) parts.push(`序时进度 ${percent(evaluation.expectedPace)}`);
  if (evaluation.paceRatio) parts.push(`进度比 pace ratio ${Number(evaluation.paceRatio).toFixed(3)}`);
  if (evaluation.growthGap) parts.push(`增幅差 growth gap ${evaluation.growthGap} 个百分点 pp`);
  return parts.join('，');
}
