/**
 * Types of a plan file (计划文件): a directory holding plan.yaml, units.yaml, indicators.yaml,
 * targets/*.csv (decomposition tables, 分解表) and details/*.csv. See seeds/README.md for the format.
 */

// The catalog's own enumerations: a plan file speaks the API's language.
export { DECOMPOSITION_MODES, DIRECTIONS, INDICATOR_KINDS, UNIT_KINDS } from '../../catalog/domain/catalog-codes';
import type { DecompositionMode, Direction, IndicatorKind, UnitKind } from '../../catalog/domain/catalog-codes';
export type { DecompositionMode, Direction, IndicatorKind, UnitKind };

/** The API's target value fields (api.md: TargetValue). */
export const TARGET_VALUE_FIELDS = ['total', 'unitOfMeasure', 'growthPct', 'text', 'deadline', 'rank', 'also'] as const;
export type TargetValueField = (typeof TARGET_VALUE_FIELDS)[number];

export type TargetSide = 'assessment' | 'work';

/** A figure as printed, with the transcription flags of the plan file. Figures are plain decimal strings. */
export interface TargetValue {
  total?: string;
  unitOfMeasure?: string;
  growthPct?: string;
  text?: string;
  /** YYYY-MM-DD */
  deadline?: string;
  /** positive integer as a string */
  rank?: string;
  /** further quantities printed in the same cell: "3（其中流转面积 1200 亩）" → also [{ label: 流转面积, total: 1200, unitOfMeasure: 亩 }] */
  also?: SecondQuantity[];
  /** fields that could not be read in the source (无法识别) */
  unreadable?: string[];
  /** fields whose reading or placement is uncertain (存疑) */
  ambiguous?: string[];
  note?: string;
}

/** A second quantity printed in a target's cell (其中 …): the target model's own, kept beside the figure, not summed. */
import type { SecondQuantity } from '../../targets/domain/target-value';
export type { SecondQuantity };

/** The same value restricted to the fields the HTTP API accepts. */
export type ApiTargetValue = Pick<TargetValue, TargetValueField>;

export interface SourceRef {
  file: string;
  table?: string;
  /** e.g. "10" or "123-138" */
  lines?: string;
}

export interface PlanSourceDocument {
  file: string;
  description?: string;
}

export interface PlanMeta {
  code: string;
  year: number;
  title: string;
  issuer?: string;
  documentNo?: string;
  /** 成文日期 / 印发日期, YYYY-MM-DD */
  issuedOn?: string;
  /** 主送 */
  addressees: string[];
  /** 抄送 */
  copyTo: string[];
  /** the unit of kind `district` that holds the district targets (required when units list more than one) */
  districtUnitCode?: string;
  /** groups the bulletins rank units in (排名分组): the first group a unit matches wins, listed units before kinds */
  rankingGroups?: RankingGroup[];
  /** fields the source document does not print (未印出), e.g. issuer, documentNo */
  notPrinted: string[];
  categories: string[];
  includeUnits: string[];
  sources: PlanSourceDocument[];
  notes: string[];
}

export interface RankingGroup {
  name: string;
  kinds?: UnitKind[];
  /** unit codes (`units:` in plan.yaml) */
  units?: string[];
}

export interface UnitDef {
  code: string;
  name: string;
  kind: UnitKind;
  aliases: string[];
  note?: string;
  /** file the unit was read from, relative to the plan directory */
  file: string;
}

/** A unit of measure the plan declares itself (units-of-measure.yaml), for the shared registry to extend. */
export interface UnitOfMeasureDef {
  symbol: string;
  name: string;
  additive: boolean;
  /** 1 symbol = factor × unit, exactly */
  equals?: { factor: string; unit: string };
  aliases: string[];
  note?: string;
  /** YAML line of the declaration */
  line?: number;
}

export interface Figure {
  value: string;
  unitOfMeasure: string;
  text: string;
}

export interface IndicatorDef {
  code: string;
  /** 序号 as printed (or inferred, then listed in `ambiguous`) */
  serialNo?: string;
  /** the 指标名称 group heading (e.g. 税收收入) or the section of a key task */
  group?: string;
  category: string;
  name: string;
  parentCode?: string;
  unitOfMeasure?: string;
  kind: IndicatorKind;
  direction?: Direction;
  reportingMonths?: number;
  leadUnitCodes: string[];
  /** first lead unit, for the API's single leadUnitCode */
  leadUnitCode?: string;
  cooperatingUnitCodes: string[];
  /** printed cooperating parties that are not a single unit (各相关部门, 清洁空气行动计划成员单位) */
  cooperatingOther: string[];
  verifyingUnitCode?: string;
  decomposition: DecompositionMode;
  /** district-level 考核目标 (from indicators.yaml, or the 全区 row of a table marked `# district: target`) */
  assessment?: TargetValue;
  /** district-level 工作目标 */
  work?: TargetValue;
  /** where a district target was read from a table's 全区 row (`# district: target`), e.g. targets/指标4.csv:5 */
  districtFrom?: Partial<Record<TargetSide, string>>;
  /** every quantity written in a key task's text */
  figures: Figure[];
  /** the responsible units exactly as printed (key tasks) */
  responsiblePrinted?: string;
  source: SourceRef[];
  note?: string;
  unreadable: string[];
  ambiguous: string[];
  /** fields taken from a merged cell printed on an earlier row of the same group */
  fromMergedCell: string[];
}

/** Where a unit target came from: a CSV row or an inline `targets:` entry of indicators.yaml. */
export interface TargetOrigin {
  file: string;
  /** CSV line (1-based) or YAML line */
  line?: number;
  /** YAML path, e.g. [3].targets[1] */
  path?: string;
  /** decomposition table id, e.g. 指标2 */
  table?: string;
  /** the target is a lead department's share of a district figure split between lead departments (`split:`) */
  split?: boolean;
  /** line of the row in the source document (行号 column) */
  sourceLine?: number;
}

export interface UnitTarget {
  indicatorCode: string;
  unitCode: string;
  assessment?: TargetValue;
  work?: TargetValue;
  note?: string;
  origin: TargetOrigin;
}

export type TableRowKind = 'unit' | 'district' | 'subtotal';

export interface TableColumn {
  header: string;
  indicatorCode: string;
  side: TargetSide;
  field: 'total' | 'growthPct' | 'text' | 'deadline' | 'rank' | 'also';
  /** `…@<unit code>`: a table printed with one column per department; the 全区 row's cell is that unit's target */
  forUnit?: string;
  /** for `其中:<label>` columns: the label of the second quantity */
  label?: string;
  /** unit of measure named in the header, e.g. (万元) */
  unitOfMeasure?: string;
}

export interface TableRow {
  line: number;
  kind: TableRowKind;
  /** unit code; for subtotal rows the marker `@subtotal` */
  unitCode: string;
  printedName?: string;
  sourceLine?: number;
  note?: string;
  values: { indicatorCode: string; assessment?: TargetValue; work?: TargetValue }[];
}

export interface DecompositionTable {
  file: string;
  /** e.g. 指标2 */
  table: string;
  title?: string;
  source?: string;
  notes: string[];
  indicatorCodes: string[];
  /** `# district: target`: the table's 全区 row is the district target (the main table prints none) */
  districtRowIsTarget: boolean;
  columns: TableColumn[];
  rows: TableRow[];
}

export interface DetailTable {
  file: string;
  table: string;
  title?: string;
  source?: string;
  notes: string[];
  header: string[];
  rows: { line: number; unitCode: string; cells: Record<string, string> }[];
}

export interface PlanFile {
  dir: string;
  plan: PlanMeta;
  units: UnitDef[];
  /** units of measure the plan declares (units-of-measure.yaml) */
  unitsOfMeasure: UnitOfMeasureDef[];
  indicators: IndicatorDef[];
  tables: DecompositionTable[];
  details: DetailTable[];
  /** every unit target: table rows of kind `unit` and inline `targets:` entries */
  targets: UnitTarget[];
}

export type IssueSeverity = 'error' | 'warning';

/** A problem found in a plan file: file, row (CSV line / YAML line and path) and field, with a bilingual message. */
export interface PlanFileIssue {
  severity: IssueSeverity;
  /** path relative to the plan directory, e.g. targets/指标02-税收收入.csv */
  file: string;
  /** 1-based line (CSV record line; YAML node line when known) */
  line?: number;
  /** YAML path such as [12].assessment.growthPct */
  path?: string;
  /** field or column name */
  field?: string;
  /** 中文 English */
  message: string;
}

export type PlanValidationResult =
  | { ok: true; plan: PlanFile; warnings: PlanFileIssue[] }
  | { ok: false; errors: PlanFileIssue[]; warnings: PlanFileIssue[] };

/** The raw texts of a plan directory, keyed by path relative to it (include files as ../x/units.yaml). */
export interface PlanDirectoryFiles {
  dir: string;
  files: Record<string, string>;
}
