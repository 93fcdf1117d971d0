/**
 * Pure validation of a plan directory's texts into a typed PlanFile, or a list of issues naming file,
 * row (CSV line / YAML line and path) and field. No I/O here: see load.ts for reading the directory.
 * Each file kind has its reader (read-*.ts); this file runs them in order and checks across files.
 */
import { DETAILS_DIR, INDICATORS_FILE, PlanReader, TARGETS_DIR } from './plan-reader';
import { readDetails } from './read-details';
import { readIndicators } from './read-indicators';
import { readPlan } from './read-plan';
import { readTable } from './read-table';
import { readUnits } from './read-units';
import { readUnitsOfMeasure } from './read-units-of-measure';
import { IndicatorDef, PlanDirectoryFiles, PlanValidationResult, TargetValue } from './types';

export { DETAILS_DIR, INDICATORS_FILE, PLAN_FILE, TARGETS_DIR, UNITS_FILE, UNITS_OF_MEASURE_FILE } from './plan-reader';

/** Validates the texts of a plan directory (see readPlanDirectory) into a PlanFile or a list of errors. Pure. */
export function validatePlanFile(input: PlanDirectoryFiles): PlanValidationResult {
  const r = new PlanReader(input);
  readPlan(r);
  readUnits(r);
  readUnitsOfMeasure(r);
  readIndicators(r);
  const files = Object.keys(input.files).sort();
  for (const f of files.filter((f) => f.startsWith(TARGETS_DIR) && f.endsWith('.csv'))) readTable(r, f);
  for (const f of files.filter((f) => f.startsWith(DETAILS_DIR) && f.endsWith('.csv'))) readDetails(r, f);
  checkDecomposition(r);
  const errors = r.issues.errors;
  const warnings = r.issues.warnings;
  if (errors.length > 0 || r.meta === undefined) return { ok: false, errors, warnings };
  return {
    ok: true,
    warnings,
    plan: {
      dir: input.dir,
      plan: r.meta,
      units: [...r.units.values()],
      unitsOfMeasure: r.unitsOfMeasure,
      indicators: [...r.indicators.values()],
      tables: r.tables,
      details: r.details,
      targets: r.targets,
    },
  };
}

function checkDecomposition(r: PlanReader): void {
  const withTargets = new Set(r.targets.map((t) => t.indicatorCode));
  for (const ind of r.indicators.values()) {
    const loc = r.indicatorLocations.get(ind.code);
    const at = loc ? loc.src.at([...loc.path, 'decomposition'], 'decomposition') : { field: 'decomposition' };
    if (
      ind.decomposition === 'decomposed' &&
      !withTargets.has(ind.code) &&
      !hasChildWithTargets(r, ind.code, withTargets)
    ) {
      r.issues.warn(
        INDICATORS_FILE,
        at,
        `指标 ${ind.code} 为“分解下达”，但没有任何单位目标`,
        `Indicator ${ind.code} is decomposed but has no unit targets`,
      );
    }
    if (ind.decomposition !== 'decomposed' && withTargets.has(ind.code)) {
      r.issues.warn(
        INDICATORS_FILE,
        at,
        `指标 ${ind.code} 不是“分解下达”，却有单位目标`,
        `Indicator ${ind.code} is not decomposed but has unit targets`,
      );
    }
  }
}

function hasChildWithTargets(r: PlanReader, code: string, withTargets: Set<string>): boolean {
  return [...r.indicators.values()].some(
    (c) => c.parentCode === code && (withTargets.has(c.code) || hasChildWithTargets(r, c.code, withTargets)),
  );
}

/** The unit of measure a target value's total is expressed in. */
export function valueUnitOfMeasure(value: TargetValue, ind: IndicatorDef): string | undefined {
  return value.unitOfMeasure ?? ind.unitOfMeasure;
}
