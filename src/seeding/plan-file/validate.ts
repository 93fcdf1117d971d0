/**
 * Pure validation of a plan directory's texts into a typed PlanFile, or a list of issues naming file,
 * row (CSV line / YAML line and path) and field. No I/O here: see load.ts for reading the directory.
 */
import { readCsvDocument } from './csv';
import { IssueList } from './issues';
import {
  DECOMPOSITION_MODES,
  DecompositionMode,
  DecompositionTable,
  DetailTable,
  Direction,
  DIRECTIONS,
  Figure,
  INDICATOR_KINDS,
  IndicatorDef,
  IndicatorKind,
  PlanDirectoryFiles,
  PlanMeta,
  PlanSourceDocument,
  PlanValidationResult,
  SourceRef,
  TableColumn,
  TableRow,
  TargetSide,
  TargetValue,
  UNIT_KINDS,
  UnitDef,
  UnitKind,
  UnitTarget,
} from './types';
import { UNITS } from '../../shared/units-of-measure';
import { checkValueForKind, isPlainDecimal, isPositiveInteger, isValidDate, KIND_RULES, normalizeName } from './values';
import { formatPath, YamlPath, YamlSource } from './yaml-source';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export const PLAN_FILE = 'plan.yaml';
export const UNITS_FILE = 'units.yaml';
export const INDICATORS_FILE = 'indicators.yaml';
export const TARGETS_DIR = 'targets/';
export const DETAILS_DIR = 'details/';

const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const SUBTOTAL_MARKER = '@subtotal';
const DASHES = new Set(['—', '——']);
const DITTO = '同上';

const PLAN_KEYS = [
  'code',
  'year',
  'title',
  'issuer',
  'documentNo',
  'notPrinted',
  'categories',
  'includeUnits',
  'sources',
  'notes',
] as const;
const UNIT_KEYS = ['code', 'name', 'kind', 'aliases', 'note'] as const;
const INDICATOR_KEYS = [
  'code',
  'serialNo',
  'group',
  'category',
  'name',
  'parentCode',
  'unitOfMeasure',
  'kind',
  'direction',
  'reportingMonths',
  'leadUnitCodes',
  'leadUnitCode',
  'cooperatingUnitCodes',
  'cooperatingOther',
  'verifyingUnitCode',
  'decomposition',
  'assessment',
  'work',
  'figures',
  'responsiblePrinted',
  'targets',
  'source',
  'note',
  'unreadable',
  'ambiguous',
  'fromMergedCell',
] as const;
const VALUE_KEYS = ['total', 'unitOfMeasure', 'growthPct', 'text', 'deadline', 'rank', 'unreadable', 'ambiguous', 'note'];
const INLINE_TARGET_KEYS = ['unit', 'assessment', 'work', 'note'];

const SIDE_TOKENS: Record<string, TargetSide> = { 考核目标: 'assessment', assessment: 'assessment', 工作目标: 'work', work: 'work' };
const FIELD_TOKENS: Record<string, TableColumn['field']> = {
  总量: 'total',
  total: 'total',
  '增幅%': 'growthPct',
  growthPct: 'growthPct',
  文字: 'text',
  text: 'text',
  期限: 'deadline',
  deadline: 'deadline',
  排名: 'rank',
  rank: 'rank',
};
const UNIT_COLUMNS = ['unit', '单位代码'];
const NAME_COLUMNS = ['单位', 'name'];
const LINE_COLUMNS = ['行号', 'line'];
const NOTE_COLUMNS = ['备注', 'note'];
const TABLE_DIRECTIVES = ['table', 'title', 'source', 'indicator', 'note'] as const;

const q = (s: string) => `'${s}'`;

/** Reads fields of one YAML mapping and reports problems against its path. */
class Entry {
  constructor(
    private readonly issues: IssueList,
    readonly src: YamlSource,
    readonly path: YamlPath,
    readonly obj: Obj,
    allowed: readonly string[],
  ) {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key)) {
        this.error(key, `未知字段 ${q(key)}`, `Unknown field ${q(key)} (allowed: ${allowed.join(', ')})`);
      }
    }
  }

  at(key?: string) {
    return this.src.at(key === undefined ? this.path : [...this.path, key], key);
  }

  error(key: string | undefined, zh: string, en: string): void {
    this.issues.error(this.src.file, this.at(key), zh, en);
  }

  warn(key: string | undefined, zh: string, en: string): void {
    this.issues.warn(this.src.file, this.at(key), zh, en);
  }

  has(key: string): boolean {
    const v = this.obj[key];
    return v !== undefined && v !== null && v !== '';
  }

  str(key: string, required = false): string | undefined {
    const v = this.obj[key];
    if (v === undefined || v === null || v === '') {
      if (required) this.error(key, `缺少必填字段 ${q(key)}`, `Missing required field ${q(key)}`);
      return undefined;
    }
    if (typeof v !== 'string') {
      this.error(key, `字段 ${q(key)} 应为单个值`, `Field ${q(key)} must be a single value, not a list or mapping`);
      return undefined;
    }
    return v.trim();
  }

  /** A list of strings; a single string is accepted as a one-element list. */
  list(key: string): string[] {
    const v = this.obj[key];
    if (v === undefined || v === null || v === '') return [];
    if (typeof v === 'string') return [v.trim()];
    if (Array.isArray(v) && v.every((x): x is string => typeof x === 'string')) return v.map((x) => x.trim());
    this.error(key, `字段 ${q(key)} 应为文字列表`, `Field ${q(key)} must be a list of values`);
    return [];
  }

  oneOf<T extends string>(key: string, values: readonly T[], required = false): T | undefined {
    const v = this.str(key, required);
    if (v === undefined) return undefined;
    if (!(values as readonly string[]).includes(v)) {
      this.error(key, `${q(key)} 的值 ${q(v)} 不在允许范围内`, `${q(key)} must be one of ${values.join(', ')}; got ${q(v)}`);
      return undefined;
    }
    return v as T;
  }

  /** unreadable / ambiguous: `true` (whole entry) or a list of field names. */
  flags(key: string): string[] {
    const v = this.obj[key];
    if (v === undefined || v === null || v === '') return [];
    if (v === 'true') return ['*'];
    if (v === 'false') return [];
    return this.list(key);
  }
}

interface PendingInlineTargets {
  indicator: IndicatorDef;
  src: YamlSource;
  path: YamlPath;
  raw: unknown;
}

class PlanValidator {
  private readonly issues = new IssueList();
  private readonly units = new Map<string, UnitDef>();
  private readonly unitByName = new Map<string, UnitDef>();
  private readonly indicators = new Map<string, IndicatorDef>();
  private readonly indicatorLocations = new Map<string, { src: YamlSource; path: YamlPath }>();
  private readonly targets: UnitTarget[] = [];
  private readonly targetIndex = new Map<string, UnitTarget>();
  private readonly tables: DecompositionTable[] = [];
  private readonly details: DetailTable[] = [];
  private meta: PlanMeta | undefined;

  constructor(private readonly input: PlanDirectoryFiles) {}

  run(): PlanValidationResult {
    this.readPlan();
    this.readUnits();
    const pending = this.readIndicators();
    this.checkParents();
    for (const p of pending) this.readInlineTargets(p);
    const files = Object.keys(this.input.files).sort();
    for (const f of files.filter((f) => f.startsWith(TARGETS_DIR) && f.endsWith('.csv'))) this.readTable(f);
    for (const f of files.filter((f) => f.startsWith(DETAILS_DIR) && f.endsWith('.csv'))) this.readDetails(f);
    this.checkDecomposition();
    const errors = this.issues.errors;
    const warnings = this.issues.warnings;
    if (errors.length > 0 || this.meta === undefined) return { ok: false, errors, warnings };
    return {
      ok: true,
      warnings,
      plan: {
        dir: this.input.dir,
        plan: this.meta,
        units: [...this.units.values()],
        indicators: [...this.indicators.values()],
        tables: this.tables,
        details: this.details,
        targets: this.targets,
      },
    };
  }

  // ───────────────────────── plan.yaml ─────────────────────────
  private yaml(file: string, required: boolean): YamlSource | undefined {
    const text = this.input.files[file];
    if (text === undefined) {
      if (required) this.issues.error(file, {}, '缺少文件', 'Missing file');
      return undefined;
    }
    const src = new YamlSource(file, text, this.issues);
    return src.data === undefined ? undefined : src;
  }

  private readPlan(): void {
    const src = this.yaml(PLAN_FILE, true);
    if (!src) return;
    if (!isObj(src.data)) {
      this.issues.error(PLAN_FILE, { line: 1 }, 'plan.yaml 应为键值映射', 'plan.yaml must be a mapping');
      return;
    }
    const e = new Entry(this.issues, src, [], src.data, PLAN_KEYS);
    const code = e.str('code', true);
    if (code !== undefined && !CODE_PATTERN.test(code)) {
      e.error('code', `计划代码 ${q(code)} 只能用字母、数字、- 和 _`, `Plan code ${q(code)} must be ASCII letters, digits, - or _`);
    }
    const yearText = e.str('year', true);
    let year = NaN;
    if (yearText !== undefined) {
      year = Number(yearText);
      if (!/^\d{4}$/.test(yearText)) e.error('year', `年份 ${q(yearText)} 不是四位数字`, `Year ${q(yearText)} is not a four-digit year`);
    }
    const title = e.str('title', true);
    const notPrinted = e.list('notPrinted');
    for (const np of notPrinted) {
      if (!(PLAN_KEYS as readonly string[]).includes(np) && np !== 'district') {
        e.error('notPrinted', `notPrinted 中的 ${q(np)} 不是计划字段`, `notPrinted entry ${q(np)} is not a plan field`);
      }
    }
    const documentNo = e.str('documentNo');
    if (documentNo === undefined && !notPrinted.includes('documentNo')) {
      e.warn(
        'documentNo',
        '未填写文号，也未在 notPrinted 中说明未印出',
        'No documentNo (文号) and not listed in notPrinted as missing from the document',
      );
    }
    const categories = e.list('categories');
    if (categories.length === 0) e.error('categories', '缺少分类列表', 'Missing categories');
    const seen = new Set<string>();
    for (const c of categories) {
      if (seen.has(c)) e.error('categories', `分类重复 ${q(c)}`, `Duplicate category ${q(c)}`);
      seen.add(c);
    }
    const sources: PlanSourceDocument[] = [];
    const rawSources = src.data.sources;
    if (Array.isArray(rawSources)) {
      rawSources.forEach((s, i) => {
        if (!isObj(s)) {
          this.issues.error(PLAN_FILE, src.at(['sources', i]), 'sources 的每项应为映射', 'Each sources entry must be a mapping');
          return;
        }
        const se = new Entry(this.issues, src, ['sources', i], s, ['file', 'description']);
        const file = se.str('file', true);
        const description = se.str('description');
        if (file !== undefined) sources.push(description === undefined ? { file } : { file, description });
      });
    } else if (rawSources !== undefined) {
      e.error('sources', 'sources 应为列表', 'sources must be a list');
    }
    if (code === undefined || title === undefined || Number.isNaN(year)) return;
    const meta: PlanMeta = {
      code,
      year,
      title,
      notPrinted,
      categories,
      includeUnits: e.list('includeUnits'),
      sources,
      notes: e.list('notes'),
    };
    const issuer = e.str('issuer');
    if (issuer !== undefined) meta.issuer = issuer;
    if (documentNo !== undefined) meta.documentNo = documentNo;
    this.meta = meta;
  }

  // ───────────────────────── units ─────────────────────────
  private readUnits(): void {
    const includes = this.meta?.includeUnits ?? [];
    for (const inc of includes) {
      const src = this.yaml(inc, true);
      if (src) this.readUnitFile(src);
    }
    const local = this.yaml(UNITS_FILE, includes.length === 0);
    if (local) this.readUnitFile(local);
  }

  private readUnitFile(src: YamlSource): void {
    if (!Array.isArray(src.data)) {
      this.issues.error(src.file, { line: 1 }, '单位文件应为列表', 'A units file must be a list of units');
      return;
    }
    src.data.forEach((raw, i) => {
      if (!isObj(raw)) {
        this.issues.error(src.file, src.at([i]), '每个单位应为映射', 'Each unit must be a mapping');
        return;
      }
      const e = new Entry(this.issues, src, [i], raw, UNIT_KEYS);
      const code = e.str('code', true);
      const name = e.str('name', true);
      const kind = e.oneOf<UnitKind>('kind', UNIT_KINDS, true);
      const aliases = e.list('aliases');
      const note = e.str('note');
      if (code === undefined || name === undefined || kind === undefined) return;
      if (!CODE_PATTERN.test(code)) {
        e.error('code', `单位代码 ${q(code)} 只能用字母、数字、- 和 _`, `Unit code ${q(code)} must be ASCII letters, digits, - or _`);
        return;
      }
      if (this.units.has(code)) {
        e.error('code', `单位代码重复 ${q(code)}`, `Duplicate unit code ${q(code)} (first in ${this.units.get(code)?.file})`);
        return;
      }
      const unit: UnitDef = { code, name, kind, aliases, file: src.file };
      if (note !== undefined) unit.note = note;
      this.units.set(code, unit);
      for (const n of [name, ...aliases]) {
        const key = normalizeName(n);
        const other = this.unitByName.get(key);
        if (other && other !== unit) {
          e.error('aliases', `单位名称 ${q(n)} 已属于 ${q(other.code)}`, `Unit name ${q(n)} already belongs to ${q(other.code)}`);
        } else {
          this.unitByName.set(key, unit);
        }
      }
    });
  }

  private unitExists(code: string): boolean {
    return this.units.has(code);
  }

  // ───────────────────────── indicators ─────────────────────────
  private readIndicators(): PendingInlineTargets[] {
    const pending: PendingInlineTargets[] = [];
    const src = this.yaml(INDICATORS_FILE, true);
    if (!src) return pending;
    if (!Array.isArray(src.data)) {
      this.issues.error(INDICATORS_FILE, { line: 1 }, '指标文件应为列表', 'indicators.yaml must be a list of indicators');
      return pending;
    }
    src.data.forEach((raw, i) => {
      if (!isObj(raw)) {
        this.issues.error(INDICATORS_FILE, src.at([i]), '每个指标应为映射', 'Each indicator must be a mapping');
        return;
      }
      const ind = this.readIndicator(src, [i], raw);
      if (ind && raw.targets !== undefined) pending.push({ indicator: ind, src, path: [i, 'targets'], raw: raw.targets });
    });
    return pending;
  }

  private readIndicator(src: YamlSource, path: YamlPath, raw: Obj): IndicatorDef | undefined {
    const e = new Entry(this.issues, src, path, raw, INDICATOR_KEYS);
    const code = e.str('code', true);
    const category = e.str('category', true);
    const name = e.str('name', true);
    const kind = e.oneOf<IndicatorKind>('kind', INDICATOR_KINDS, true);
    const decomposition = e.oneOf<DecompositionMode>('decomposition', DECOMPOSITION_MODES, true);
    const direction = e.oneOf<Direction>('direction', DIRECTIONS);
    const unreadable = e.flags('unreadable');
    const ambiguous = e.flags('ambiguous');
    const unitOfMeasure = e.str('unitOfMeasure');
    if (code !== undefined && !CODE_PATTERN.test(code)) {
      e.error('code', `指标代码 ${q(code)} 只能用字母、数字、- 和 _`, `Indicator code ${q(code)} must be ASCII letters, digits, - or _`);
    }
    if (code !== undefined && this.indicators.has(code)) {
      e.error('code', `指标代码重复 ${q(code)}`, `Duplicate indicator code ${q(code)}`);
      return undefined;
    }
    if (category !== undefined && this.meta && !this.meta.categories.includes(category)) {
      e.error('category', `未知分类 ${q(category)}（见 plan.yaml categories）`, `Unknown category ${q(category)} (see plan.yaml categories)`);
    }
    if (kind !== undefined && KIND_RULES[kind].needsUnitOfMeasure && unitOfMeasure === undefined && !unreadable.includes('unitOfMeasure')) {
      e.error('unitOfMeasure', `指标类型 ${kind} 需要计量单位`, `An indicator of kind '${kind}' needs a unitOfMeasure`);
    }
    if (unitOfMeasure !== undefined && !UNITS.isKnown(unitOfMeasure)) {
      e.warn('unitOfMeasure', `计量单位 ${q(unitOfMeasure)} 不在换算表中，无法换算`, `Unit of measure ${q(unitOfMeasure)} is not in the conversion table`);
    }
    let leadUnitCodes: string[] = [];
    if (e.has('leadUnitCodes') && e.has('leadUnitCode')) {
      e.error('leadUnitCode', '只能写 leadUnitCodes 或 leadUnitCode 之一', 'Write either leadUnitCodes or leadUnitCode, not both');
    }
    leadUnitCodes = e.has('leadUnitCode') ? e.list('leadUnitCode') : e.list('leadUnitCodes');
    const cooperatingUnitCodes = e.list('cooperatingUnitCodes');
    const verifyingUnitCode = e.str('verifyingUnitCode');
    const leadKey = e.has('leadUnitCode') ? 'leadUnitCode' : 'leadUnitCodes';
    for (const [key, codes] of [
      [leadKey, leadUnitCodes],
      ['cooperatingUnitCodes', cooperatingUnitCodes],
      ['verifyingUnitCode', verifyingUnitCode === undefined ? [] : [verifyingUnitCode]],
    ] as const) {
      for (const c of codes) {
        if (!this.unitExists(c)) e.error(key, `未知单位代码 ${q(c)}`, `Unknown unit code ${q(c)}`);
      }
    }
    let reportingMonths: number | undefined;
    const rm = e.str('reportingMonths');
    if (rm !== undefined) {
      if (!/^(1[0-2]|[1-9])$/.test(rm)) e.error('reportingMonths', `报送月数 ${q(rm)} 应为 1-12`, `reportingMonths must be 1-12; got ${q(rm)}`);
      else reportingMonths = Number(rm);
    }
    const serialNo = e.str('serialNo');
    if (serialNo !== undefined && !isPositiveInteger(serialNo)) {
      e.error('serialNo', `序号 ${q(serialNo)} 应为正整数`, `serialNo must be a positive integer; got ${q(serialNo)}`);
    }
    const source = this.readSource(e);
    const figures = this.readFigures(e);
    if (code === undefined || category === undefined || name === undefined || kind === undefined || decomposition === undefined) {
      return undefined;
    }
    const ind: IndicatorDef = {
      code,
      category,
      name,
      kind,
      decomposition,
      leadUnitCodes,
      cooperatingUnitCodes,
      cooperatingOther: e.list('cooperatingOther'),
      figures,
      source,
      unreadable,
      ambiguous,
      fromMergedCell: e.list('fromMergedCell'),
    };
    const optional: [keyof IndicatorDef, string | number | undefined][] = [
      ['serialNo', serialNo],
      ['group', e.str('group')],
      ['parentCode', e.str('parentCode')],
      ['unitOfMeasure', unitOfMeasure],
      ['direction', direction],
      ['reportingMonths', reportingMonths],
      ['leadUnitCode', leadUnitCodes[0]],
      ['verifyingUnitCode', verifyingUnitCode],
      ['responsiblePrinted', e.str('responsiblePrinted')],
      ['note', e.str('note')],
    ];
    for (const [k, v] of optional) if (v !== undefined) Object.assign(ind, { [k]: v });
    for (const side of ['assessment', 'work'] as const) {
      const v = raw[side];
      if (v === undefined || v === null || v === '') continue;
      const value = this.readYamlValue(src, [...path, side], v, ind, true);
      if (value) ind[side] = value;
    }
    if (ind.responsiblePrinted !== undefined) this.checkResponsiblePrinted(e, ind);
    this.indicators.set(code, ind);
    this.indicatorLocations.set(code, { src, path });
    return ind;
  }

  private readSource(e: Entry): SourceRef[] {
    const raw = e.obj.source;
    if (raw === undefined || raw === null || raw === '') {
      e.error('source', '缺少来源 source（文件 + 表/行）', 'Missing source (document file + table/lines)');
      return [];
    }
    const list = Array.isArray(raw) ? raw : [raw];
    const out: SourceRef[] = [];
    list.forEach((s, i) => {
      const p = Array.isArray(raw) ? [...e.path, 'source', i] : [...e.path, 'source'];
      if (!isObj(s)) {
        this.issues.error(e.src.file, e.src.at(p, 'source'), 'source 应为映射 {file, table, lines}', 'source must be a mapping {file, table, lines}');
        return;
      }
      const se = new Entry(this.issues, e.src, p, s, ['file', 'table', 'lines']);
      const file = se.str('file', true);
      if (file === undefined) return;
      const ref: SourceRef = { file };
      const table = se.str('table');
      const lines = se.str('lines');
      if (table !== undefined) ref.table = table;
      if (lines !== undefined) {
        if (!/^\d+(-\d+)?$/.test(lines)) se.error('lines', `行号 ${q(lines)} 应写作 12 或 12-30`, `lines must look like 12 or 12-30; got ${q(lines)}`);
        ref.lines = lines;
      }
      out.push(ref);
    });
    return out;
  }

  private readFigures(e: Entry): Figure[] {
    const raw = e.obj.figures;
    if (raw === undefined || raw === null || raw === '') return [];
    if (!Array.isArray(raw)) {
      e.error('figures', 'figures 应为列表', 'figures must be a list');
      return [];
    }
    const out: Figure[] = [];
    raw.forEach((f, i) => {
      const p = [...e.path, 'figures', i];
      if (!isObj(f)) {
        this.issues.error(e.src.file, e.src.at(p), 'figures 的每项应为映射', 'Each figure must be a mapping');
        return;
      }
      const fe = new Entry(this.issues, e.src, p, f, ['value', 'unitOfMeasure', 'text']);
      const value = fe.str('value', true);
      const unitOfMeasure = fe.str('unitOfMeasure', true);
      const text = fe.str('text', true);
      if (value !== undefined && !isPlainDecimal(value)) {
        fe.error('value', `不是纯数字 ${q(value)}（不要千分位、单位或百分号）`, `Not a plain decimal: ${q(value)}`);
      }
      if (value !== undefined && text !== undefined && !text.includes(value)) {
        fe.warn('text', `原文 ${q(text)} 中找不到数字 ${q(value)}`, `The figure ${q(value)} does not occur in its text`);
      }
      if (value !== undefined && unitOfMeasure !== undefined && text !== undefined) out.push({ value, unitOfMeasure, text });
    });
    return out;
  }

  private checkResponsiblePrinted(e: Entry, ind: IndicatorDef): void {
    for (const printed of (ind.responsiblePrinted ?? '').split('、').filter((s) => s !== '')) {
      const unit = this.unitByName.get(normalizeName(printed));
      if (!unit) {
        e.error('responsiblePrinted', `印刷的责任单位 ${q(printed)} 不是任何单位的名称或别名`, `Printed responsible unit ${q(printed)} matches no unit name or alias`);
      } else if (!ind.leadUnitCodes.includes(unit.code)) {
        e.error('leadUnitCodes', `印刷的责任单位 ${q(printed)}（${unit.code}）不在 leadUnitCodes 中`, `Printed responsible unit ${q(printed)} (${unit.code}) is missing from leadUnitCodes`);
      }
    }
  }

  /** A TargetValue written in YAML (district target or inline unit target). */
  private readYamlValue(src: YamlSource, path: YamlPath, raw: unknown, ind: IndicatorDef, requireComplete: boolean): TargetValue | undefined {
    if (!isObj(raw)) {
      this.issues.error(src.file, src.at(path), '目标值应为映射 {total, growthPct, text, …}', 'A target value must be a mapping {total, growthPct, text, …}');
      return undefined;
    }
    const e = new Entry(this.issues, src, path, raw, VALUE_KEYS);
    const value: TargetValue = {};
    for (const f of ['total', 'growthPct'] as const) {
      const v = e.str(f);
      if (v === undefined) continue;
      if (!isPlainDecimal(v)) {
        e.error(f, `不是纯数字 ${q(v)}（不要千分位、单位或百分号）`, `Not a plain decimal: ${q(v)} (no thousands separators, units or %)`);
      } else value[f] = v;
    }
    const deadline = e.str('deadline');
    if (deadline !== undefined) {
      if (!isValidDate(deadline)) e.error('deadline', `期限 ${q(deadline)} 不是有效日期 YYYY-MM-DD`, `Deadline ${q(deadline)} is not a valid date YYYY-MM-DD`);
      else value.deadline = deadline;
    }
    const rank = e.str('rank');
    if (rank !== undefined) {
      if (!isPositiveInteger(rank)) e.error('rank', `名次 ${q(rank)} 应为正整数`, `Rank ${q(rank)} must be a positive integer`);
      else value.rank = rank;
    }
    const text = e.str('text');
    if (text !== undefined) value.text = text;
    const uom = e.str('unitOfMeasure');
    if (uom !== undefined) {
      value.unitOfMeasure = uom;
      this.checkUnitCompatible(uom, ind, (zh, en) => e.error('unitOfMeasure', zh, en), (zh, en) => e.warn('unitOfMeasure', zh, en));
    }
    const unreadable = e.flags('unreadable');
    const ambiguous = e.flags('ambiguous');
    if (unreadable.length > 0) value.unreadable = unreadable;
    if (ambiguous.length > 0) value.ambiguous = ambiguous;
    const note = e.str('note');
    if (note !== undefined) value.note = note;
    for (const p of checkValueForKind(value, ind.kind, requireComplete)) {
      const at = p.field !== undefined && !p.field.includes('|') ? src.at([...path, p.field], p.field) : src.at(path, p.field);
      this.issues.error(src.file, at, `${p.zh}（指标 ${ind.code}）`, `${p.en} (indicator ${ind.code})`);
    }
    return value;
  }

  private checkUnitCompatible(
    uom: string,
    ind: IndicatorDef,
    error: (zh: string, en: string) => void,
    warn: (zh: string, en: string) => void,
  ): void {
    if (!UNITS.isKnown(uom)) {
      warn(`计量单位 ${q(uom)} 不在换算表中`, `Unit of measure ${q(uom)} is not in the conversion table`);
      return;
    }
    const base = ind.unitOfMeasure;
    if (base !== undefined && UNITS.isKnown(base) && !UNITS.canConvert(uom, base)) {
      error(`计量单位 ${q(uom)} 不能换算为指标 ${ind.code} 的单位 ${q(base)}`, `Unit ${q(uom)} cannot be converted to ${q(base)}, the unit of indicator ${ind.code}`);
    }
  }

  private checkParents(): void {
    for (const ind of this.indicators.values()) {
      if (ind.parentCode === undefined) continue;
      const loc = this.indicatorLocations.get(ind.code);
      const at = loc ? loc.src.at([...loc.path, 'parentCode'], 'parentCode') : { field: 'parentCode' };
      if (ind.parentCode === ind.code) {
        this.issues.error(INDICATORS_FILE, at, `指标 ${ind.code} 不能以自己为上级`, `Indicator ${ind.code} cannot be its own parent`);
        continue;
      }
      if (!this.indicators.has(ind.parentCode)) {
        this.issues.error(INDICATORS_FILE, at, `未知上级指标代码 ${q(ind.parentCode)}`, `Unknown parent indicator code ${q(ind.parentCode)}`);
        continue;
      }
      const seen = new Set<string>([ind.code]);
      let cur: IndicatorDef | undefined = this.indicators.get(ind.parentCode);
      while (cur) {
        if (seen.has(cur.code)) {
          this.issues.error(INDICATORS_FILE, at, `上级指标形成循环 ${[...seen].join(' → ')}`, `Parent codes form a cycle: ${[...seen].join(' → ')}`);
          break;
        }
        seen.add(cur.code);
        cur = cur.parentCode === undefined ? undefined : this.indicators.get(cur.parentCode);
      }
    }
  }

  // ───────────────────────── unit targets ─────────────────────────
  private addTarget(t: UnitTarget, report: (zh: string, en: string) => void): void {
    const key = `${t.indicatorCode}\u0000${t.unitCode}`;
    const first = this.targetIndex.get(key);
    if (first) {
      const where = `${first.origin.file}${first.origin.line !== undefined ? `:${first.origin.line}` : ''}`;
      report(`指标 ${t.indicatorCode} 对单位 ${t.unitCode} 的目标重复（首次见 ${where}）`, `Duplicate target of indicator ${t.indicatorCode} for unit ${t.unitCode} (first at ${where})`);
      return;
    }
    this.targetIndex.set(key, t);
    this.targets.push(t);
  }

  private readInlineTargets(p: PendingInlineTargets): void {
    const { src, indicator: ind } = p;
    if (!Array.isArray(p.raw)) {
      this.issues.error(src.file, src.at(p.path, 'targets'), 'targets 应为列表', 'targets must be a list');
      return;
    }
    p.raw.forEach((raw, i) => {
      const path = [...p.path, i];
      if (!isObj(raw)) {
        this.issues.error(src.file, src.at(path), 'targets 的每项应为映射 {unit, assessment?, work?}', 'Each target must be a mapping {unit, assessment?, work?}');
        return;
      }
      const e = new Entry(this.issues, src, path, raw, INLINE_TARGET_KEYS);
      const unit = e.str('unit', true);
      if (unit === undefined) return;
      if (!this.unitExists(unit)) {
        e.error('unit', `未知单位代码 ${q(unit)}`, `Unknown unit code ${q(unit)}`);
        return;
      }
      const target: UnitTarget = {
        indicatorCode: ind.code,
        unitCode: unit,
        origin: { file: src.file, path: formatPath(path) },
      };
      const line = src.lineOf(path);
      if (line !== undefined) target.origin.line = line;
      const own = raw.assessment !== undefined || raw.work !== undefined;
      for (const side of ['assessment', 'work'] as const) {
        if (own) {
          if (raw[side] === undefined || raw[side] === null || raw[side] === '') continue;
          const v = this.readYamlValue(src, [...path, side], raw[side], ind, true);
          if (v) target[side] = v;
        } else if (ind[side]) {
          target[side] = { ...ind[side] };
        }
      }
      if (target.assessment === undefined && target.work === undefined) {
        e.error('assessment', `目标没有任何值（指标 ${ind.code} 也没有可沿用的目标）`, `The target has no value and indicator ${ind.code} has none to inherit`);
        return;
      }
      const note = e.str('note');
      if (note !== undefined) target.note = note;
      this.addTarget(target, (zh, en) => e.error('unit', zh, en));
    });
  }

  // ───────────────────────── decomposition tables (CSV) ─────────────────────────
  private readTable(file: string): void {
    const text = this.input.files[file];
    if (text === undefined) return;
    const doc = readCsvDocument(text, TABLE_DIRECTIVES);
    for (const err of doc.errors) this.issues.error(file, { line: err.line }, 'CSV 格式错误', err.message);
    const directive = (key: string) => doc.directives.filter((d) => d.key === key);
    const tableId = directive('table')[0]?.value;
    if (tableId === undefined || tableId === '') {
      this.issues.error(file, { line: 1, field: 'table' }, '缺少表头行 “# table: 指标N”', 'Missing directive line "# table: <id>"');
    }
    if (!doc.header) {
      this.issues.error(file, { line: 1 }, '缺少标题行', 'Missing header row');
      return;
    }
    // declared indicators
    const declared = new Map<string, number>();
    for (const d of directive('indicator')) {
      const m = /^(\S+)\s*(.*)$/.exec(d.value);
      if (!m) continue;
      const [, code, name] = m;
      declared.set(code, d.line);
      const ind = this.indicators.get(code);
      if (!ind) {
        this.issues.error(file, { line: d.line, field: 'indicator' }, `未知指标代码 ${q(code)}`, `Unknown indicator code ${q(code)}`);
      } else if (name !== '' && normalizeName(name) !== normalizeName(ind.name)) {
        this.issues.error(file, { line: d.line, field: 'indicator' }, `指标名称不符：${q(name)} 与 indicators.yaml 的 ${q(ind.name)}`, `Indicator name ${q(name)} differs from ${q(ind.name)} in indicators.yaml`);
      }
    }
    // header
    const header = doc.header.cells.map((c) => c.trim());
    const hline = doc.header.line;
    const find = (names: string[]) => header.findIndex((h) => names.includes(h));
    const unitCol = find(UNIT_COLUMNS);
    const nameCol = find(NAME_COLUMNS);
    const lineCol = find(LINE_COLUMNS);
    const noteCol = find(NOTE_COLUMNS);
    if (unitCol < 0) this.issues.error(file, { line: hline, field: 'unit' }, '缺少 unit 列（单位代码）', "Missing column 'unit' (unit code)");
    const columns: (TableColumn | undefined)[] = header.map(() => undefined);
    const seenHeaders = new Set<string>();
    header.forEach((h, idx) => {
      if (seenHeaders.has(h)) this.issues.error(file, { line: hline, field: h }, `列名重复 ${q(h)}`, `Duplicate column ${q(h)}`);
      seenHeaders.add(h);
      if ([unitCol, nameCol, lineCol, noteCol].includes(idx)) return;
      const col = this.parseColumn(file, hline, h, declared);
      if (col) columns[idx] = col;
    });
    const valueCols = columns.filter((c): c is TableColumn => c !== undefined);
    for (const [code, line] of declared) {
      if (!valueCols.some((c) => c.indicatorCode === code)) {
        this.issues.warn(file, { line, field: 'indicator' }, `声明的指标 ${code} 没有对应的列`, `Declared indicator ${code} has no column`);
      }
    }
    const table: DecompositionTable = {
      file,
      table: tableId ?? file,
      notes: directive('note').map((d) => d.value),
      indicatorCodes: [...new Set(valueCols.map((c) => c.indicatorCode))],
      columns: valueCols,
      rows: [],
    };
    const title = directive('title')[0]?.value;
    const source = directive('source')[0]?.value;
    if (title !== undefined) table.title = title;
    if (source !== undefined) table.source = source;
    if (unitCol < 0) return;

    const seenUnits = new Map<string, number>();
    const previous: (string | undefined)[] = header.map(() => undefined);
    for (const rec of doc.rows) {
      const at = (field?: string) => (field === undefined ? { line: rec.line } : { line: rec.line, field });
      if (rec.cells.length !== header.length) {
        this.issues.error(file, at(), `本行有 ${rec.cells.length} 格，标题行有 ${header.length} 格`, `Row has ${rec.cells.length} cells, the header has ${header.length}`);
        continue;
      }
      const cell = (i: number) => (i < 0 ? '' : rec.cells[i].trim());
      const unitCode = cell(unitCol);
      const printedName = cell(nameCol);
      let kind: TableRow['kind'] = 'unit';
      if (unitCode === '') {
        this.issues.error(file, at('unit'), '缺少单位代码', 'Missing unit code');
        continue;
      }
      if (unitCode === SUBTOTAL_MARKER) {
        kind = 'subtotal';
      } else {
        const unit = this.units.get(unitCode);
        if (!unit) {
          this.issues.error(file, at('unit'), `未知单位代码 ${q(unitCode)}`, `Unknown unit code ${q(unitCode)}`);
          continue;
        }
        if (unit.kind === 'district') kind = 'district';
        if (printedName !== '' && !this.nameMatches(unit, printedName)) {
          this.issues.error(file, at(header[nameCol]), `单位名称 ${q(printedName)} 与代码 ${q(unitCode)}（${unit.name}）不符`, `Printed name ${q(printedName)} does not match unit ${q(unitCode)} (${unit.name}) or its aliases`);
        }
        const first = seenUnits.get(unitCode);
        if (first !== undefined) {
          this.issues.error(file, at('unit'), `单位 ${q(unitCode)} 在本表重复（首次见第 ${first} 行）`, `Duplicate row for unit ${q(unitCode)} (first at line ${first})`);
          continue;
        }
        seenUnits.set(unitCode, rec.line);
      }
      const row: TableRow = { line: rec.line, kind, unitCode, values: [] };
      if (printedName !== '') row.printedName = printedName;
      const srcLine = cell(lineCol);
      if (srcLine !== '') {
        if (!isPositiveInteger(srcLine)) this.issues.error(file, at(header[lineCol]), `行号 ${q(srcLine)} 应为正整数`, `Source line ${q(srcLine)} must be a positive integer`);
        else row.sourceLine = Number(srcLine);
      }
      const note = cell(noteCol);
      if (note !== '') row.note = note;

      const values = new Map<string, { assessment?: TargetValue; work?: TargetValue }>();
      columns.forEach((col, idx) => {
        if (!col) return;
        let raw = cell(idx);
        let flagged = false;
        if (raw.startsWith('?') || raw.startsWith('？')) {
          flagged = true;
          raw = raw.slice(1).trim();
        }
        if (raw === DITTO) {
          const prev = previous[idx];
          if (prev === undefined || prev === '' || DASHES.has(prev)) {
            this.issues.error(file, at(col.header), '“同上”没有可沿用的上一行值', '"同上" (ditto) has no value in the row above to repeat');
            return;
          }
          raw = prev;
        }
        previous[idx] = raw;
        const entry = values.get(col.indicatorCode) ?? {};
        values.set(col.indicatorCode, entry);
        const value = entry[col.side] ?? {};
        if (raw === '' || DASHES.has(raw)) {
          if (flagged && raw === '') {
            value.unreadable = [...(value.unreadable ?? []), col.field];
            entry[col.side] = value;
          }
          return;
        }
        if (!this.parseCell(file, rec.line, col, raw, value)) return;
        if (flagged) value.ambiguous = [...(value.ambiguous ?? []), col.field];
        if (col.field === 'total' && col.unitOfMeasure !== undefined) value.unitOfMeasure = col.unitOfMeasure;
        entry[col.side] = value;
      });

      for (const [code, entry] of values) {
        const ind = this.indicators.get(code);
        if (!ind || (entry.assessment === undefined && entry.work === undefined)) continue;
        const v: TableRow['values'][number] = { indicatorCode: code };
        for (const side of ['assessment', 'work'] as const) {
          const value = entry[side];
          if (value === undefined) continue;
          if (row.note !== undefined && (value.ambiguous || value.unreadable)) value.note = row.note;
          for (const p of checkValueForKind(value, ind.kind, kind === 'unit')) {
            const colName = valueCols.find((c) => c.indicatorCode === code && c.side === side)?.header;
            this.issues.error(file, at(colName), `${p.zh}（指标 ${code}，${side === 'assessment' ? '考核目标' : '工作目标'}）`, `${p.en} (indicator ${code}, ${side})`);
          }
          v[side] = value;
        }
        row.values.push(v);
        if (kind === 'unit') {
          const target: UnitTarget = {
            indicatorCode: code,
            unitCode,
            origin: { file, line: rec.line, table: table.table },
          };
          if (row.sourceLine !== undefined) target.origin.sourceLine = row.sourceLine;
          if (v.assessment) target.assessment = v.assessment;
          if (v.work) target.work = v.work;
          if (row.note !== undefined) target.note = row.note;
          this.addTarget(target, (zh, en) => this.issues.error(file, at('unit'), zh, en));
        }
      }
      table.rows.push(row);
    }
    this.tables.push(table);
  }

  private nameMatches(unit: UnitDef, printed: string): boolean {
    const p = normalizeName(printed);
    return [unit.name, ...unit.aliases].some((n) => normalizeName(n) === p);
  }

  private parseColumn(file: string, line: number, header: string, declared: Map<string, number>): TableColumn | undefined {
    const at = { line, field: header };
    const m = /^([A-Za-z0-9][A-Za-z0-9_-]*)\.([^.]+)\.([^(（]+)(?:[(（](.+)[)）])?$/.exec(header);
    if (!m) {
      this.issues.error(file, at, `无法识别的列名 ${q(header)}（应为 指标代码.考核目标|工作目标.总量|增幅%|文字|期限|排名(单位)）`, `Unrecognised column ${q(header)}; expected <indicator>.<考核目标|工作目标>.<总量|增幅%|文字|期限|排名>[(unit)]`);
      return undefined;
    }
    const [, code, sideToken, fieldToken, uom] = m;
    const side = SIDE_TOKENS[sideToken];
    const field = FIELD_TOKENS[fieldToken.trim()];
    if (!side) {
      this.issues.error(file, at, `列名 ${q(header)} 中 ${q(sideToken)} 应为 考核目标 或 工作目标`, `In column ${q(header)}, ${q(sideToken)} must be 考核目标/assessment or 工作目标/work`);
      return undefined;
    }
    if (!field) {
      this.issues.error(file, at, `列名 ${q(header)} 中 ${q(fieldToken)} 应为 总量、增幅%、文字、期限 或 排名`, `In column ${q(header)}, ${q(fieldToken)} must be 总量|增幅%|文字|期限|排名`);
      return undefined;
    }
    const ind = this.indicators.get(code);
    if (!ind) {
      this.issues.error(file, at, `未知指标代码 ${q(code)}`, `Unknown indicator code ${q(code)}`);
      return undefined;
    }
    if (declared.size > 0 && !declared.has(code)) {
      this.issues.error(file, at, `指标 ${code} 未在表头 “# indicator:” 行中声明`, `Indicator ${code} is not declared in a "# indicator:" line`);
    }
    const col: TableColumn = { header, indicatorCode: code, side, field };
    if (uom !== undefined) {
      if (field !== 'total') {
        this.issues.error(file, at, `只有“总量”列可以带计量单位`, 'Only 总量/total columns may name a unit of measure');
      } else {
        col.unitOfMeasure = uom.trim();
        this.checkUnitCompatible(col.unitOfMeasure, ind, (zh, en) => this.issues.error(file, at, zh, en), (zh, en) => this.issues.warn(file, at, zh, en));
      }
    }
    return col;
  }

  private parseCell(file: string, line: number, col: TableColumn, raw: string, value: TargetValue): boolean {
    const at = { line, field: col.header };
    switch (col.field) {
      case 'total':
      case 'growthPct':
        if (!isPlainDecimal(raw)) {
          this.issues.error(file, at, `不是纯数字 ${q(raw)}（不要千分位、单位或百分号；文字写进“文字”列）`, `Not a plain decimal: ${q(raw)} (no thousands separators, units or %; words go to a 文字/text column)`);
          return false;
        }
        value[col.field] = raw;
        return true;
      case 'rank':
        if (!isPositiveInteger(raw)) {
          this.issues.error(file, at, `名次 ${q(raw)} 应为正整数`, `Rank ${q(raw)} must be a positive integer`);
          return false;
        }
        value.rank = raw;
        return true;
      case 'deadline':
        if (!isValidDate(raw)) {
          this.issues.error(file, at, `期限 ${q(raw)} 不是有效日期 YYYY-MM-DD`, `Deadline ${q(raw)} is not a valid date YYYY-MM-DD`);
          return false;
        }
        value.deadline = raw;
        return true;
      case 'text':
        value.text = raw;
        return true;
    }
  }

  // ───────────────────────── detail tables (CSV) ─────────────────────────
  private readDetails(file: string): void {
    const text = this.input.files[file];
    if (text === undefined) return;
    const doc = readCsvDocument(text, TABLE_DIRECTIVES);
    for (const err of doc.errors) this.issues.error(file, { line: err.line }, 'CSV 格式错误', err.message);
    if (!doc.header) {
      this.issues.error(file, { line: 1 }, '缺少标题行', 'Missing header row');
      return;
    }
    const header = doc.header.cells.map((c) => c.trim());
    const unitCol = header.findIndex((h) => UNIT_COLUMNS.includes(h));
    const nameCol = header.findIndex((h) => NAME_COLUMNS.includes(h));
    if (unitCol < 0) {
      this.issues.error(file, { line: doc.header.line, field: 'unit' }, '缺少 unit 列（单位代码）', "Missing column 'unit' (unit code)");
      return;
    }
    const dir = (key: string) => doc.directives.find((d) => d.key === key)?.value;
    const table: DetailTable = {
      file,
      table: dir('table') ?? file,
      notes: doc.directives.filter((d) => d.key === 'note').map((d) => d.value),
      header,
      rows: [],
    };
    const title = dir('title');
    const source = dir('source');
    if (title !== undefined) table.title = title;
    if (source !== undefined) table.source = source;
    for (const rec of doc.rows) {
      if (rec.cells.length !== header.length) {
        this.issues.error(file, { line: rec.line }, `本行有 ${rec.cells.length} 格，标题行有 ${header.length} 格`, `Row has ${rec.cells.length} cells, the header has ${header.length}`);
        continue;
      }
      const unitCode = rec.cells[unitCol].trim();
      const unit = this.units.get(unitCode);
      if (!unit) {
        this.issues.error(file, { line: rec.line, field: 'unit' }, `未知单位代码 ${q(unitCode)}`, `Unknown unit code ${q(unitCode)}`);
        continue;
      }
      const printed = nameCol < 0 ? '' : rec.cells[nameCol].trim();
      if (printed !== '' && !this.nameMatches(unit, printed)) {
        this.issues.error(file, { line: rec.line, field: header[nameCol] }, `单位名称 ${q(printed)} 与代码 ${q(unitCode)} 不符`, `Printed name ${q(printed)} does not match unit ${q(unitCode)}`);
      }
      const cells: Record<string, string> = {};
      header.forEach((h, i) => (cells[h] = rec.cells[i].trim()));
      table.rows.push({ line: rec.line, unitCode, cells });
    }
    this.details.push(table);
  }

  // ───────────────────────── cross checks ─────────────────────────
  private checkDecomposition(): void {
    const withTargets = new Set(this.targets.map((t) => t.indicatorCode));
    for (const ind of this.indicators.values()) {
      const loc = this.indicatorLocations.get(ind.code);
      const at = loc ? loc.src.at([...loc.path, 'decomposition'], 'decomposition') : { field: 'decomposition' };
      if (ind.decomposition === 'decomposed' && !withTargets.has(ind.code) && !this.hasChildWithTargets(ind.code, withTargets)) {
        this.issues.warn(INDICATORS_FILE, at, `指标 ${ind.code} 为“分解下达”，但没有任何单位目标`, `Indicator ${ind.code} is decomposed but has no unit targets`);
      }
      if (ind.decomposition !== 'decomposed' && withTargets.has(ind.code)) {
        this.issues.warn(INDICATORS_FILE, at, `指标 ${ind.code} 不是“分解下达”，却有单位目标`, `Indicator ${ind.code} is not decomposed but has unit targets`);
      }
    }
  }

  private hasChildWithTargets(code: string, withTargets: Set<string>): boolean {
    return [...this.indicators.values()].some((c) => c.parentCode === code && (withTargets.has(c.code) || this.hasChildWithTargets(c.code, withTargets)));
  }
}

/** Validates the texts of a plan directory (see readPlanDirectory) into a PlanFile or a list of errors. Pure. */
export function validatePlanFile(input: PlanDirectoryFiles): PlanValidationResult {
  return new PlanValidator(input).run();
}

/** The unit of measure a target value's total is expressed in. */
export function valueUnitOfMeasure(value: TargetValue, ind: IndicatorDef): string | undefined {
  return value.unitOfMeasure ?? ind.unitOfMeasure;
}

