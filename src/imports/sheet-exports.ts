import ExcelJS from 'exceljs';
import { AuditPage } from '../audit/audit.queries';
import { addTableSheet } from '../bulletins/export/bulletin-xlsx';
import { STATUS_LABELS } from '../bulletins/export/bulletin-tables';
import { CompletionRow } from '../completion/completion-rows';

const num = (v: string | null) => (v === null ? null : { number: v, as: 'plain' as const });
const pct = (v: string | null) => (v === null ? null : { number: v, as: 'percent' as const });

/** GET /api/completion as a sheet: figures as numbers, ratios as percentages. */
export async function completionXlsx(rows: CompletionRow[], unitNames: Map<string, string>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  addTableSheet(workbook, {
    name: '完成情况',
    columns: [
      '目标编号',
      '指标编码',
      '指标名称',
      '类别',
      '责任单位',
      '期间',
      '累计完成值',
      '增幅（%）',
      '完成率（%）',
      '序时进度（%）',
      '序时完成率（%）',
      '状态',
    ],
    rows: rows.map((r) => [
      r.targetId,
      r.indicatorCode,
      r.indicatorName,
      r.category,
      unitNames.get(r.unitCode) ?? r.unitCode,
      r.period,
      num(r.value),
      num(r.growthPct),
      pct(r.completion),
      pct(r.expectedPace),
      pct(r.paceRatio),
      STATUS_LABELS[r.status] ?? r.status,
    ]),
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The audit trail as a sheet, newest first. */
export async function auditXlsx(items: AuditPage['items']): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  addTableSheet(workbook, {
    name: '审计日志',
    columns: ['全局位置', '时间', '操作人', '事件', '数据流', '版本', '原因', '依据文件', '内容'],
    rows: items.map((e) => [
      e.position,
      e.recordedAt,
      `${e.actor.displayName}（${e.actor.username}）`,
      e.type,
      e.streamId,
      e.revision,
      e.reason ?? null,
      e.documentRef ?? null,
      JSON.stringify(e.data).slice(0, 32_000),
    ]),
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
