import { promises as fs } from 'node:fs';
import type { CliCommand } from '../cli';
import { DomainError } from '../shared/problems/domain-error';
import { withAppContext } from './app-context';
import { formatImportSummary } from './import/import-summary';
import { importValidatedPlans, ValidatedPlan } from './import/importer';
import { PlanFileError, PlanFileIssue, tryLoadPlanDirectory } from './plan-file';
import { formatWorkbookIssue, validatePlanWorkbook, WorkbookIssue } from './workbook/read-workbook';

/**
 * `npm run seed -- <plan dir | plan.xlsx>…`: imports plan directories and plan workbooks (seeds/README.md)
 * through the same commands as the API, as the import actor. Everything is validated before anything is
 * appended. Repeatable: a second run appends nothing and reports every entity as unchanged. `--details`
 * lists every refused and adapted entity and every validation warning instead of the first few.
 */
export const seedCommand: CliCommand = {
  usage: '<plan dir | plan.xlsx>… [--details]',
  summary:
    'import plan directories or plan workbooks (e.g. seeds/jiading-2021, plan.xlsx) through the API commands; repeatable',
  async run(args, context) {
    const details = args.includes('--details');
    const sources = args.filter((a) => a !== '--details');
    if (!sources.length) {
      context.note(
        'usage: npm run seed -- <plan dir | plan.xlsx> […] [--details]   e.g. npm run seed -- seeds/jiading-2021 seeds/jiading-2021-key-tasks',
      );
      return 2;
    }
    const validated: ValidatedPlan[] = [];
    for (const source of sources) {
      if (!source.toLowerCase().endsWith('.xlsx')) {
        const result = await tryLoadPlanDirectory(source);
        if (!result.ok) throw new PlanFileError(source, result.errors, result.warnings);
        validated.push(result);
        continue;
      }
      let result;
      try {
        result = await validatePlanWorkbook(await fs.readFile(source), source);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        context.note(`${source}: ${error.message}`);
        return 1;
      }
      if (!result.ok) {
        context.note(
          `计划工作簿有 ${result.errors.length} 处错误，未导入 / Plan workbook ${source} has ${result.errors.length} error(s); nothing imported:`,
        );
        for (const e of [...result.errors, ...result.warnings]) context.note(formatWorkbookIssue(e));
        return 1;
      }
      // The summary prints the plan file's warnings; a workbook's are located at sheet, row and column.
      validated.push({ plan: result.plan, warnings: result.warnings.map(asPlanIssue) });
    }
    const config = context.config();
    const infrastructure = await context.infrastructure();
    const summary = await withAppContext({ config, infrastructure }, (app) =>
      importValidatedPlans(app, validated, {
        onProgress: context.note,
      }),
    );
    for (const line of formatImportSummary(summary, { details })) context.out(line);
  },
};

/** A workbook issue as the summary prints plan-file issues: `plan.xlsx › 指标 indicators!Q12 (field) [warning]: …`. */
function asPlanIssue(issue: WorkbookIssue): PlanFileIssue {
  const cell = `${issue.column ?? ''}${issue.row ?? ''}`;
  return {
    severity: issue.severity,
    file: `${issue.file} › ${issue.sheet}${cell ? `!${cell}` : ''}`,
    ...(issue.field ? { field: issue.field } : {}),
    message: issue.message,
  };
}
