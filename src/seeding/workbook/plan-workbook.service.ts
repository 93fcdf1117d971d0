/**
 * The plan workbook in the running application: export of any plan as it is held (catalog and targets
 * read models), and the upload of a workbook — a dry-run preview of each entity's fate, then the import
 * through the same importer and commands as `npm run seed`.
 */
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DEFAULT_PLAN_SETTINGS } from '../../catalog/domain/plan-settings';
import { CatalogQueries } from '../../catalog/read-model/catalog.queries';
import type { Actor } from '../../event-store/event-store.port';
import { DomainError } from '../../shared/problems/domain-error';
import { TargetsRepository } from '../../targets/read-model/targets.repository';
import { importValidatedPlans, PlanImportSummary } from '../import/importer';
import { ImportStep, NOTE_TOPICS, NoteTopic, planImport } from '../import/plan-import';
import { reconcile } from '../plan-file';
import { formatWorkbookIssue, validatePlanWorkbook, WorkbookIssue } from './read-workbook';
import { PlanExport, writePlanWorkbook } from './write-workbook';

export type EntityFate = 'new' | 'unchanged' | 'changed' | 'refused';

export interface WorkbookPreviewRow {
  kind: ImportStep['kind'];
  key: string;
  label: string;
  /** new: will be created; unchanged: already there as in the file; changed: exists with other content (refused: adjust it instead); refused: cannot be imported */
  fate: EntityFate;
  reason?: string;
}

export interface WorkbookPreview {
  fileName: string;
  valid: boolean;
  errors: WorkbookIssue[];
  warnings: WorkbookIssue[];
  plan?: { code: string; title: string; year: number; exists: boolean };
  counts?: Record<'units' | 'indicators' | 'targets', Record<EntityFate, number>>;
  rows: WorkbookPreviewRow[];
  notes: Array<{ topic: NoteTopic; title: string; count: number }>;
  notCarried: Array<{ what: string; count: number }>;
  /** the file's own decomposition reconciliation (sum of the unit targets against the district target) */
  reconciliation: Array<{
    indicatorCode: string;
    name: string;
    side: string;
    districtTotal: string | null;
    sum: string | null;
    difference: string | null;
    unitOfMeasure?: string;
    status: string;
  }>;
}

export type WorkbookImportResult = Omit<PlanImportSummary, 'warnings'> & {
  fileName: string;
  warnings: WorkbookIssue[];
  seconds: number;
  appended: boolean;
};

@Injectable()
export class PlanWorkbookService {
  constructor(
    private readonly catalog: CatalogQueries,
    private readonly targets: TargetsRepository,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** The plan as the system holds it, as a workbook. */
  async export(planCode: string): Promise<{ body: Buffer; title: string; notCarried: string[] }> {
    const data = await this.planExport(planCode);
    return { body: await writePlanWorkbook(data), title: data.plan.title, notCarried: data.notCarried };
  }

  async planExport(planCode: string): Promise<PlanExport> {
    const plan = await this.catalog.plan(planCode);
    const indicators = (await this.catalog.indicators(planCode)).map(({ definedAt: _d, ...i }) => i);
    const docs = await this.targets.documentsOfPlanByKey(planCode);
    const allUnits = await this.catalog.units();
    const active = docs.filter((d) => d.lifecycle === 'active');
    const used = new Set<string>([
      ...active.map((d) => d.unitCode),
      ...indicators.flatMap((i) => [
        ...(i.leadUnitCodes ?? (i.leadUnitCode ? [i.leadUnitCode] : [])),
        ...(i.cooperatingUnitCodes ?? []),
        ...(i.verifyingUnitCode ? [i.verifyingUnitCode] : []),
      ]),
    ]);
    const units = allUnits.filter((u) => used.has(u.code)).map((u) => ({ code: u.code, name: u.name, kind: u.kind }));
    const districts = units.filter((u) => u.kind === 'district');
    // The district targets are those of the district unit holding the most of them (one in a plan as imported).
    const counted = districts
      .map((d) => ({ code: d.code, n: active.filter((t) => t.unitCode === d.code).length }))
      .sort((a, b) => b.n - a.n);
    const notCarried: string[] = [];
    const say = (n: number, what: string) =>
      n > 0 && notCarried.push(`系统导出未含 not in the workbook: ${what} ×${n}`);
    say(docs.length - active.length, '已撤销目标 withdrawn targets');
    say(active.filter((d) => d.baseline !== undefined).length, '上年基数 baselines');
    say(active.filter((d) => d.weight !== undefined).length, '分值 weights');
    say(
      indicators.filter((i) => i.thresholds || i.paceCurve || i.allowNegative).length,
      '指标阈值、序时曲线、允许负数 indicator thresholds, pace curves, negatives allowed',
    );
    const ownSettings = Object.entries(plan.settings ?? {}).some(
      ([k, v]) =>
        JSON.stringify(v) !== JSON.stringify((DEFAULT_PLAN_SETTINGS as unknown as Record<string, unknown>)[k]),
    );
    say(
      plan.thresholds || plan.reportDueDay !== undefined || ownSettings ? 1 : 0,
      '计划阈值、报送日、设置 plan thresholds, report due day, settings',
    );
    return {
      plan: {
        code: plan.code,
        year: plan.year,
        title: plan.title,
        ...(plan.issuer !== undefined ? { issuer: plan.issuer } : {}),
        ...(plan.documentNo !== undefined ? { documentNo: plan.documentNo } : {}),
        ...(plan.issuedOn !== undefined ? { issuedOn: plan.issuedOn } : {}),
        ...(plan.addressees ? { addressees: plan.addressees } : {}),
        ...(plan.copyTo ? { copyTo: plan.copyTo } : {}),
        ...(plan.unitsOfMeasure ? { unitsOfMeasure: plan.unitsOfMeasure } : {}),
        ...(plan.rankingGroups ? { rankingGroups: plan.rankingGroups } : {}),
      },
      ...(counted[0] ? { districtUnitCode: counted[0].code } : {}),
      units,
      indicators,
      targets: active.map((d) => ({
        indicatorCode: d.indicator.code,
        unitCode: d.unitCode,
        ...(d.assessment ? { assessment: d.assessment } : {}),
        ...(d.work ? { work: d.work } : {}),
      })),
      notCarried,
    };
  }

  /** What importing the workbook would do, entity by entity; appends nothing. */
  async preview(bytes: Buffer, fileName: string): Promise<WorkbookPreview> {
    const result = await validatePlanWorkbook(bytes, fileName);
    const empty = { fileName, rows: [], notes: [], notCarried: [], reconciliation: [] };
    if (!result.ok) return { ...empty, valid: false, errors: result.errors, warnings: result.warnings };
    const batch = planImport(result.plan);
    const existing = await this.existing(result.plan.plan.code);
    const rows: WorkbookPreviewRow[] = [];
    const refused = new Map(batch.refusals.map((r) => [`${r.kind}:${r.key}`, r.reason]));
    for (const r of batch.refusals)
      rows.push({ kind: r.kind, key: r.key, label: r.label, fate: 'refused', reason: r.reason });
    for (const step of [...batch.units, batch.plan, ...batch.indicators, ...batch.targets]) {
      if (refused.has(`${step.kind}:${step.key}`)) continue;
      const current = existing.get(`${step.kind}:${step.key}`);
      const fate: EntityFate =
        current === undefined
          ? 'new'
          : matches(step.payload as unknown as Record<string, unknown>, current)
            ? 'unchanged'
            : 'changed';
      rows.push({
        kind: step.kind,
        key: step.key,
        label: step.label,
        fate,
        ...(fate === 'changed'
          ? {
              reason:
                '已存在且内容不同，导入时将拒绝（请用调整） / exists with other content: the import refuses it (adjust it instead)',
            }
          : {}),
      });
    }
    const count = (kind: ImportStep['kind']) => {
      const c: Record<EntityFate, number> = { new: 0, unchanged: 0, changed: 0, refused: 0 };
      for (const r of rows) if (r.kind === kind) c[r.fate]++;
      return c;
    };
    const notes = new Map<NoteTopic, number>();
    for (const n of batch.notes) notes.set(n.topic, (notes.get(n.topic) ?? 0) + 1);
    return {
      fileName,
      valid: true,
      errors: [],
      warnings: result.warnings,
      plan: {
        code: result.plan.plan.code,
        title: result.plan.plan.title,
        year: result.plan.plan.year,
        exists: existing.has(`plan:${result.plan.plan.code}`),
      },
      counts: { units: count('unit'), indicators: count('indicator'), targets: count('target') },
      rows,
      notes: [...notes].map(([topic, n]) => ({ topic, title: NOTE_TOPICS[topic], count: n })),
      notCarried: batch.notCarried,
      reconciliation: reconcile(result.plan).map((r) => ({
        indicatorCode: r.indicatorCode,
        name: r.name,
        side: r.side,
        districtTotal: r.districtTotal,
        sum: r.sum,
        difference: r.difference,
        ...(r.unitOfMeasure !== undefined ? { unitOfMeasure: r.unitOfMeasure } : {}),
        status: r.status,
      })),
    };
  }

  /** Imports the workbook as `actor` (the office user), through the commands. A workbook that does not validate is refused (400), nothing appended. */
  async apply(bytes: Buffer, fileName: string, actor: Actor): Promise<WorkbookImportResult> {
    const result = await validatePlanWorkbook(bytes, fileName);
    if (!result.ok) {
      throw new DomainError(
        'validation',
        'plan-workbook-invalid',
        `计划工作簿有 ${result.errors.length} 处错误，未导入 / The plan workbook has ${result.errors.length} error(s); nothing was imported`,
        result.errors.map((e) => ({
          field: `${e.sheet}!${e.column ?? ''}${e.row ?? ''}`,
          message: formatWorkbookIssue(e),
        })),
      );
    }
    const summary = await importValidatedPlans(this.moduleRef, [{ plan: result.plan, warnings: [] }], {
      actor,
    });
    const [plan] = summary.plans;
    const { warnings: _w, ...rest } = plan;
    return {
      ...rest,
      fileName,
      warnings: result.warnings,
      seconds: summary.seconds,
      appended: summary.headAfter !== summary.headBefore,
    };
  }

  /** The read-model documents of what a plan's import would meet, keyed `kind:key`. */
  private async existing(planCode: string): Promise<Map<string, Record<string, unknown>>> {
    const out = new Map<string, Record<string, unknown>>();
    for (const u of await this.catalog.units()) out.set(`unit:${u.code}`, u as unknown as Record<string, unknown>);
    const plans = await this.catalog.plans();
    const plan = plans.find((p) => p.code === planCode);
    if (!plan) return out;
    out.set(`plan:${planCode}`, plan as unknown as Record<string, unknown>);
    for (const i of await this.catalog.indicators(planCode))
      out.set(`indicator:${i.code}`, i as unknown as Record<string, unknown>);
    for (const doc of await this.targets.documentsOfPlan(planCode)) {
      out.set(`target:${doc.id}`, {
        planCode,
        indicatorCode: doc.indicator.code,
        unitCode: doc.unitCode,
        assessment: doc.assessment,
        work: doc.work,
      });
    }
    return out;
  }
}

/** Every member the command would write equals the stored one (members the store adds are ignored). */
function matches(payload: Record<string, unknown>, current: Record<string, unknown>): boolean {
  const keys = new Set([
    ...Object.keys(payload),
    ...(['assessment', 'work'] as const).filter(
      (k) => k in current && current[k] !== undefined && 'unitCode' in current,
    ),
  ]);
  return [...keys].every((k) => canonical(payload[k]) === canonical(current[k]));
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
