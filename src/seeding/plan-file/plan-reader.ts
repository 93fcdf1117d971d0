/**
 * What the readers of one plan directory share while they read it: the issues found so far, the units,
 * indicators and targets read so far, and the units of measure (the shared registry plus the plan's
 * own declarations). Each file kind has its reader: read-plan, read-units, read-units-of-measure,
 * read-indicators, read-table, read-details.
 */
import { UNITS, UnitRegistry } from '../../shared/units-of-measure';
import { IssueList } from './issues';
import {
  DecompositionTable,
  DetailTable,
  IndicatorDef,
  PlanDirectoryFiles,
  PlanMeta,
  UnitDef,
  UnitOfMeasureDef,
  UnitTarget,
} from './types';
import { normalizeName } from './values';
import { YamlPath, YamlSource } from './yaml-source';

export const PLAN_FILE = 'plan.yaml';
export const UNITS_FILE = 'units.yaml';
export const UNITS_OF_MEASURE_FILE = 'units-of-measure.yaml';
export const INDICATORS_FILE = 'indicators.yaml';
export const TARGETS_DIR = 'targets/';
export const DETAILS_DIR = 'details/';

export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export class PlanReader {
  readonly issues = new IssueList();
  readonly units = new Map<string, UnitDef>();
  readonly unitByName = new Map<string, UnitDef>();
  readonly indicators = new Map<string, IndicatorDef>();
  readonly indicatorLocations = new Map<string, { src: YamlSource; path: YamlPath }>();
  readonly targets: UnitTarget[] = [];
  private readonly targetIndex = new Map<string, UnitTarget>();
  readonly tables: DecompositionTable[] = [];
  readonly details: DetailTable[] = [];
  readonly unitsOfMeasure: UnitOfMeasureDef[] = [];
  /** the shared registry, extended by the plan's declarations once units-of-measure.yaml is read */
  registry: UnitRegistry = UNITS;
  meta: PlanMeta | undefined;
  /** where each ranking group's units are written (checked once the units are read) */
  readonly rankingGroupLines: { line?: number; path: string; field?: string }[] = [];

  constructor(readonly input: PlanDirectoryFiles) {}

  /** A YAML file of the directory, or undefined (with an issue when it is required or does not parse). */
  yaml(file: string, required: boolean): YamlSource | undefined {
    const text = this.input.files[file];
    if (text === undefined) {
      if (required) this.issues.error(file, {}, '缺少文件', 'Missing file');
      return undefined;
    }
    const src = new YamlSource(file, text, this.issues);
    return src.data === undefined ? undefined : src;
  }

  nameMatches(unit: UnitDef, printed: string): boolean {
    const p = normalizeName(printed);
    return [unit.name, ...unit.aliases].some((n) => normalizeName(n) === p);
  }

  /** An (indicator, unit) target appears once in the whole plan. */
  addTarget(t: UnitTarget, report: (zh: string, en: string) => void): void {
    const key = `${t.indicatorCode}\u0000${t.unitCode}`;
    const first = this.targetIndex.get(key);
    if (first) {
      const where = `${first.origin.file}${first.origin.line !== undefined ? `:${first.origin.line}` : ''}`;
      report(
        `指标 ${t.indicatorCode} 对单位 ${t.unitCode} 的目标重复（首次见 ${where}）`,
        `Duplicate target of indicator ${t.indicatorCode} for unit ${t.unitCode} (first at ${where})`,
      );
      return;
    }
    this.targetIndex.set(key, t);
    this.targets.push(t);
  }

  /** A unit of measure the registry does not know: refused, with the declaration that would make it known. */
  unknownUnitOfMeasure(symbol: string): { zh: string; en: string } {
    return {
      zh: `未知计量单位 '${symbol}'：请在 ${UNITS_OF_MEASURE_FILE} 中声明（symbol、name、additive，能换算时写 equals）`,
      en: `Unknown unit of measure '${symbol}': declare it in ${UNITS_OF_MEASURE_FILE} (- { symbol: ${symbol}, name: …, additive: true|false, equals: { factor: …, unit: … } })`,
    };
  }
}
