/**
 * A plan file (directory) as a plan workbook, without a database: what the import's commands would write
 * (src/seeding/import/plan-import.ts) is what the system would hold, so the workbook is the one an export
 * after the import gives.
 */
import { PlanImport } from '../import/plan-import';
import { PlanExport } from './write-workbook';

export function planExportOfImport(batch: PlanImport): PlanExport {
  const district = batch.targets.find((t) => t.district)?.payload.unitCode;
  const { unitsOfMeasure, ...plan } = batch.plan.payload;
  return {
    plan: { ...plan, ...(unitsOfMeasure ? { unitsOfMeasure } : {}) },
    ...(district !== undefined ? { districtUnitCode: district } : {}),
    units: batch.units.map((u) => u.payload),
    indicators: batch.indicators.map((i) => i.payload),
    targets: batch.targets.map((t) => ({
      indicatorCode: t.payload.indicatorCode,
      unitCode: t.payload.unitCode,
      ...(t.payload.assessment ? { assessment: t.payload.assessment } : {}),
      ...(t.payload.work ? { work: t.payload.work } : {}),
    })),
    notCarried: [],
  };
}
