import { promises as fs } from 'node:fs';
import type { CliCommand } from '../../cli';
import { withAppContext } from '../app-context';
import { PlanWorkbookService } from './plan-workbook.service';

/** `npm run plan:export -- <plan code> [out.xlsx]`: writes a plan as the system holds it to a plan workbook. */
export const planExportCommand: CliCommand = {
  usage: '<plan code> [out.xlsx]',
  summary: 'export a plan to a plan workbook (.xlsx) that `npm run seed -- plan.xlsx` imports back',
  async run(args, context) {
    const [planCode, out = `${args[0]}.xlsx`] = args;
    if (!planCode) {
      context.note(
        'usage: npm run plan:export -- <plan code> [out.xlsx]   e.g. npm run plan:export -- jiading-2021 jiading-2021.xlsx',
      );
      return 2;
    }
    const config = context.config();
    const infrastructure = await context.infrastructure();
    const exported = await withAppContext({ config, infrastructure }, (app) =>
      app.get(PlanWorkbookService, { strict: false }).export(planCode),
    );
    await fs.writeFile(out, exported.body);
    context.out(
      `计划 ${planCode}（${exported.title}）已导出到 ${out} / plan exported to ${out} (${exported.body.length} bytes)`,
    );
    for (const line of exported.notCarried) context.out(`  ${line}`);
  },
};
