import { promises as fs } from 'fs';
import * as path from 'path';
import { reconcile } from './reconcile';
import { validatePlanFile } from './validate';

/** The worked example in seeds/README.md §12 must itself be a valid plan. */
describe('seeds/README.md worked example', () => {
  it('validates and reconciles', async () => {
    const readme = await fs.readFile(path.resolve(__dirname, '../../../seeds/README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## 12. Worked example'), readme.indexOf('## 13.'));
    const block = (name: string) => {
      const m = new RegExp('`' + name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '`\\n```\\w+\\n([\\s\\S]*?)```').exec(section);
      if (!m) throw new Error(`no block for ${name}`);
      return m[1];
    };
    const files = {
      'plan.yaml': block('plan.yaml'),
      'units.yaml': block('units.yaml'),
      'indicators.yaml': block('indicators.yaml'),
      'targets/指标03-新增注册企业数.csv': block('targets/指标03-新增注册企业数.csv'),
    };
    const result = validatePlanFile({ dir: 'example', files });
    if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
    expect(result.warnings).toEqual([]);
    expect(result.plan.targets.map((t) => [t.unitCode, t.assessment?.total, t.work?.total])).toEqual([
      ['jiazhen', '6000', '7500'],
      ['yijiedao', undefined, '200'],
    ]);
    expect(reconcile(result.plan).find((r) => r.side === 'assessment')).toMatchObject({ districtTotal: '40000', sum: '6000', status: 'shortfall' });
  });
});
