/**
 * Year-end assessment data (年度目标考核, from 003_58dce3c74e7e1719.txt): scoring sheet, verifying departments,
 * leaders' groups with quotas, participating units and responsibility indicators. Kept for the assessment features;
 * loaded and checked here (units by the plan files' own unit reader; units exist, points add up, counts match what is printed).
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { dec } from '../../shared/decimal';
import { figureProblems } from '../../shared/validation/figures';
import { formatIssue, IssueList } from './issues';
import { isNotFound } from './load';
import { PlanReader } from './plan-reader';
import { readUnitFile } from './read-units';
import { PlanFileIssue, UnitKind } from './types';
import { isPositiveInteger, normalizeName } from './values';
import { YamlPath, YamlSource } from './yaml-source';

export interface AssessmentUnit {
  code: string;
  name: string;
  kind: UnitKind;
  aliases: string[];
  note?: string;
}

export interface FormColumn {
  key: string;
  name: string;
  group?: string;
}

export interface FormDefinition {
  title: string;
  header?: string;
  columns: FormColumn[];
  notes: string[];
  /** ratings written in 与目标比 for non-quantified items */
  qualitativeRatings: string[];
}

export interface ScoringItem {
  no: number;
  name: string;
  /** 分值, plain decimal string */
  points: string;
  kind?: string;
  note?: string;
}

export interface ScoringSheet {
  title: string;
  year: number;
  totalPoints: string;
  units: { unitCode: string; printed: string }[];
  items: ScoringItem[];
  notes: string[];
}

export interface VerifyingAssignment {
  unitCode: string;
  printed: string;
  /** 项目与内容 */
  content: string;
  /** 附件1 items with the same wording (inferred, not printed) */
  matchedItemNos: number[];
  lines?: string;
  note?: string;
}

export interface LeaderGroup {
  leader: string;
  printedLeader?: string;
  unitCodes: string[];
  printed: string;
}

export interface LeaderGroups {
  title: string;
  excellentPct: string;
  advancedPct: string;
  mayStayEmpty: boolean;
  totals: { unitCount: number; excellentQuota: number; advancedQuota: number; ambiguous: string[] };
  groups: LeaderGroup[];
}

export interface ParticipantGroup {
  name: string;
  printedCount: number;
  unitCodes: string[];
}

export interface ResponsibilityIndicator {
  no: number;
  name: string;
  group: string;
  groupNo: string;
  note?: string;
}

export interface AssessmentData {
  dir: string;
  code: string;
  year: number;
  title: string;
  notPrinted: string[];
  units: AssessmentUnit[];
  executionForm: FormDefinition;
  awardsForm: FormDefinition;
  scoringSheet: ScoringSheet;
  verifyingUnits: VerifyingAssignment[];
  leaderGroups: LeaderGroups;
  participants: ParticipantGroup[];
  indicators2022: ResponsibilityIndicator[];
}

export type AssessmentValidationResult =
  | { ok: true; data: AssessmentData; warnings: PlanFileIssue[] }
  | { ok: false; errors: PlanFileIssue[]; warnings: PlanFileIssue[] };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const q = (s: string) => `'${s}'`;

export const ASSESSMENT_FILES = {
  meta: 'assessment.yaml',
  units: 'units.yaml',
  scoringSheet: 'scoring-sheet-2021.yaml',
  verifyingUnits: 'verifying-units-2021.yaml',
  leaderGroups: 'leader-groups-2021.yaml',
  participants: 'participants-2022.yaml',
  indicators: 'indicators-2022.yaml',
} as const;

class Reader {
  constructor(
    readonly issues: IssueList,
    readonly src: YamlSource,
  ) {}

  get(obj: unknown, key: string): unknown {
    return isObj(obj) ? obj[key] : undefined;
  }

  str(obj: unknown, p: YamlPath, key: string, required = true): string | undefined {
    const v = this.get(obj, key);
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
    if (required)
      this.issues.error(
        this.src.file,
        this.src.at([...p, key], key),
        `缺少必填字段 ${q(key)}`,
        `Missing required field ${q(key)}`,
      );
    return undefined;
  }

  int(obj: unknown, p: YamlPath, key: string): number | undefined {
    const v = this.str(obj, p, key);
    if (v === undefined) return undefined;
    if (!isPositiveInteger(v)) {
      this.issues.error(
        this.src.file,
        this.src.at([...p, key], key),
        `${q(key)} 应为正整数`,
        `${q(key)} must be a positive integer; got ${q(v)}`,
      );
      return undefined;
    }
    return Number(v);
  }

  list(obj: unknown, key: string): unknown[] {
    const v = this.get(obj, key);
    return Array.isArray(v) ? v : [];
  }

  strings(obj: unknown, key: string): string[] {
    return this.list(obj, key)
      .filter((x): x is string => typeof x === 'string')
      .map((x) => x.trim());
  }

  error(p: YamlPath, field: string | undefined, zh: string, en: string): void {
    this.issues.error(this.src.file, this.src.at(p, field), zh, en);
  }
}

/**
 * Points (分值) are what a target's weight is (AssignTarget.weight): checked by the same figure rule — a plain,
 * non-negative decimal within the figure limits — so the year-end assessment can take them as weights unchanged.
 */
function pointsProblem(points: string): { zh: string; en: string } | undefined {
  const [problem] = figureProblems(points, 'weight');
  if (problem === undefined) return undefined;
  const [zh, en = zh] = problem.message.split(' / ');
  return { zh, en };
}

/** Pure: validates the texts of an assessment directory keyed by file name (see ASSESSMENT_FILES). */
export function validateAssessmentFiles(dir: string, files: Record<string, string>): AssessmentValidationResult {
  const issues = new IssueList();
  const open = (name: string): Reader | undefined => {
    const text = files[name];
    if (text === undefined) {
      issues.error(name, {}, '缺少文件', 'Missing file');
      return undefined;
    }
    const src = new YamlSource(name, text, issues);
    return src.data === undefined ? undefined : new Reader(issues, src);
  };

  // units: read by the plan files' unit reader (same shape, codes, kinds and name rules)
  const units = new Map<string, AssessmentUnit>();
  const unitReader = new PlanReader({ dir, files });
  const unitSource = unitReader.yaml(ASSESSMENT_FILES.units, true);
  if (unitSource) readUnitFile(unitReader, unitSource);
  issues.items.push(...unitReader.issues.items);
  for (const u of unitReader.units.values()) {
    const unit: AssessmentUnit = { code: u.code, name: u.name, kind: u.kind, aliases: u.aliases };
    if (u.note !== undefined) unit.note = u.note;
    units.set(u.code, unit);
  }
  const checkUnit = (r: Reader, p: YamlPath, field: string, code: string, printed?: string): boolean => {
    const unit = units.get(code);
    if (!unit) {
      r.error(p, field, `未知单位代码 ${q(code)}`, `Unknown unit code ${q(code)}`);
      return false;
    }
    if (
      printed !== undefined &&
      ![unit.name, ...unit.aliases].some((n) => normalizeName(n) === normalizeName(printed))
    ) {
      r.error(
        p,
        field,
        `印刷名称 ${q(printed)} 与单位 ${q(code)}（${unit.name}）不符`,
        `Printed name ${q(printed)} does not match unit ${q(code)} (${unit.name})`,
      );
    }
    return true;
  };

  // assessment.yaml
  const mr = open(ASSESSMENT_FILES.meta);
  const readForm = (key: string): FormDefinition => {
    const raw = mr?.get(mr.src.data, key);
    const form: FormDefinition = { title: '', columns: [], notes: [], qualitativeRatings: [] };
    if (!mr || !isObj(raw)) {
      mr?.error([key], key, `缺少表样 ${q(key)}`, `Missing form ${q(key)}`);
      return form;
    }
    form.title = mr.str(raw, [key], 'title') ?? '';
    const header = mr.str(raw, [key], 'header', false);
    if (header !== undefined) form.header = header;
    form.notes = mr.strings(raw, 'notes');
    form.qualitativeRatings = mr.strings(raw, 'qualitativeRatings');
    mr.list(raw, 'columns').forEach((c, i) => {
      const k = mr.str(c, [key, 'columns', i], 'key');
      const n = mr.str(c, [key, 'columns', i], 'name');
      const g = mr.str(c, [key, 'columns', i], 'group', false);
      if (k !== undefined && n !== undefined)
        form.columns.push(g === undefined ? { key: k, name: n } : { key: k, name: n, group: g });
    });
    return form;
  };
  const code = mr ? mr.str(mr.src.data, [], 'code') : undefined;
  const year = mr ? mr.int(mr.src.data, [], 'year') : undefined;
  const title = mr ? mr.str(mr.src.data, [], 'title') : undefined;
  const notPrinted = mr ? mr.strings(mr.src.data, 'notPrinted') : [];
  const executionForm = readForm('executionForm');
  const awardsForm = readForm('awardsForm');

  // 附件1 scoring sheet
  const sr = open(ASSESSMENT_FILES.scoringSheet);
  const scoringSheet: ScoringSheet = { title: '', year: 0, totalPoints: '0', units: [], items: [], notes: [] };
  if (sr) {
    const d = sr.src.data;
    scoringSheet.title = sr.str(d, [], 'title') ?? '';
    scoringSheet.year = sr.int(d, [], 'year') ?? 0;
    const total = sr.str(d, [], 'totalPoints');
    const totalProblem = total !== undefined ? pointsProblem(total) : undefined;
    if (total !== undefined && totalProblem !== undefined)
      sr.error(
        ['totalPoints'],
        'totalPoints',
        `总分 ${q(total)}：${totalProblem.zh}`,
        `totalPoints ${q(total)}: ${totalProblem.en}`,
      );
    else if (total !== undefined) scoringSheet.totalPoints = total;
    scoringSheet.notes = sr.strings(d, 'notes');
    sr.list(d, 'units').forEach((u, i) => {
      const unit = sr.str(u, ['units', i], 'unit');
      const printed = sr.str(u, ['units', i], 'printed');
      if (unit !== undefined && printed !== undefined && checkUnit(sr, ['units', i], 'unit', unit, printed)) {
        scoringSheet.units.push({ unitCode: unit, printed });
      }
    });
    const seen = new Set<number>();
    sr.list(d, 'items').forEach((it, i) => {
      const p: YamlPath = ['items', i];
      const no = sr.int(it, p, 'no');
      const name = sr.str(it, p, 'name');
      const points = sr.str(it, p, 'points');
      const pointsError = points !== undefined ? pointsProblem(points) : undefined;
      if (points !== undefined && pointsError !== undefined) {
        sr.error(
          [...p, 'points'],
          'points',
          `分值 ${q(points)}：${pointsError.zh}`,
          `Points ${q(points)}: ${pointsError.en}`,
        );
        return;
      }
      if (no === undefined || name === undefined || points === undefined) return;
      if (seen.has(no)) sr.error([...p, 'no'], 'no', `序号重复 ${no}`, `Duplicate item number ${no}`);
      seen.add(no);
      const item: ScoringItem = { no, name, points };
      const kind = sr.str(it, p, 'kind', false);
      const note = sr.str(it, p, 'note', false);
      if (kind !== undefined) item.kind = kind;
      if (note !== undefined) item.note = note;
      scoringSheet.items.push(item);
    });
    const sum = scoringSheet.items.reduce((acc, it) => acc.plus(dec(it.points)), dec(0));
    if (!sum.equals(scoringSheet.totalPoints)) {
      sr.error(
        ['items'],
        'points',
        `分值合计 ${sum.toFixed()} 不等于 totalPoints ${scoringSheet.totalPoints}`,
        `Points add up to ${sum.toFixed()}, not totalPoints ${scoringSheet.totalPoints}`,
      );
    }
  }

  // 附件4 verifying departments
  const vr = open(ASSESSMENT_FILES.verifyingUnits);
  const verifyingUnits: VerifyingAssignment[] = [];
  const itemNos = new Set(scoringSheet.items.map((i) => i.no));
  if (vr) {
    vr.list(vr.src.data, 'rows').forEach((row, i) => {
      const p: YamlPath = ['rows', i];
      const unit = vr.str(row, p, 'unit');
      const printed = vr.str(row, p, 'printed');
      const content = vr.str(row, p, 'content');
      if (unit === undefined || printed === undefined || content === undefined) return;
      if (!checkUnit(vr, [...p, 'unit'], 'unit', unit, printed)) return;
      const matched = vr.strings(row, 'matchedItemNos').map(Number);
      for (const n of matched) {
        if (!itemNos.has(n))
          vr.error([...p, 'matchedItemNos'], 'matchedItemNos', `附件1 没有第 ${n} 项`, `附件1 has no item ${n}`);
      }
      const a: VerifyingAssignment = { unitCode: unit, printed, content, matchedItemNos: matched };
      const lines = vr.str(row, p, 'lines', false);
      const note = vr.str(row, p, 'note', false);
      if (lines !== undefined) a.lines = lines;
      if (note !== undefined) a.note = note;
      verifyingUnits.push(a);
    });
  }

  // 附件5 leaders' groups
  const lr = open(ASSESSMENT_FILES.leaderGroups);
  const leaderGroups: LeaderGroups = {
    title: '',
    excellentPct: '0',
    advancedPct: '0',
    mayStayEmpty: false,
    totals: { unitCount: 0, excellentQuota: 0, advancedQuota: 0, ambiguous: [] },
    groups: [],
  };
  if (lr) {
    const d = lr.src.data;
    leaderGroups.title = lr.str(d, [], 'title') ?? '';
    for (const key of ['excellentPct', 'advancedPct'] as const) {
      const v = lr.str(d, [], key);
      const [problem] = v !== undefined ? figureProblems(v, key, { unitOfMeasure: '%' }) : [];
      if (v !== undefined && problem !== undefined) {
        const [zh, en = zh] = problem.message.split(' / ');
        lr.error([key], key, `${key} ${q(v)}：${zh}`, `${key} ${q(v)}: ${en}`);
      } else if (v !== undefined) leaderGroups[key] = v;
    }
    leaderGroups.mayStayEmpty = lr.get(d, 'mayStayEmpty') === 'true';
    const totals = lr.get(d, 'totals');
    leaderGroups.totals = {
      unitCount: lr.int(totals, ['totals'], 'unitCount') ?? 0,
      excellentQuota: lr.int(totals, ['totals'], 'excellentQuota') ?? 0,
      advancedQuota: lr.int(totals, ['totals'], 'advancedQuota') ?? 0,
      ambiguous: lr.strings(totals, 'ambiguous'),
    };
    lr.list(d, 'groups').forEach((g, i) => {
      const p: YamlPath = ['groups', i];
      const leader = lr.str(g, p, 'leader');
      const printed = lr.str(g, p, 'printed');
      const codes = lr.strings(g, 'units');
      if (leader === undefined || printed === undefined) return;
      const names = printed.split('、');
      if (names.length !== codes.length) {
        lr.error(
          [...p, 'units'],
          'units',
          `单位代码 ${codes.length} 个，印刷名称 ${names.length} 个`,
          `${codes.length} unit codes but ${names.length} printed names`,
        );
      }
      codes.forEach((c, k) => checkUnit(lr, [...p, 'units', k], 'units', c, names[k]));
      const group: LeaderGroup = { leader, unitCodes: codes, printed };
      const printedLeader = lr.str(g, p, 'printedLeader', false);
      if (printedLeader !== undefined) group.printedLeader = printedLeader;
      leaderGroups.groups.push(group);
    });
    const count = leaderGroups.groups.reduce((n, g) => n + g.unitCodes.length, 0);
    if (count !== leaderGroups.totals.unitCount) {
      lr.error(
        ['totals', 'unitCount'],
        'unitCount',
        `各组单位合计 ${count} 个，印刷为 ${leaderGroups.totals.unitCount}`,
        `The groups hold ${count} units; ${leaderGroups.totals.unitCount} is printed`,
      );
    }
  }

  // 附件6 participants
  const pr = open(ASSESSMENT_FILES.participants);
  const participants: ParticipantGroup[] = [];
  if (pr) {
    pr.list(pr.src.data, 'groups').forEach((g, i) => {
      const p: YamlPath = ['groups', i];
      const name = pr.str(g, p, 'name');
      const printedCount = pr.int(g, p, 'printedCount');
      const codes = pr.strings(g, 'units');
      codes.forEach((c, k) => checkUnit(pr, [...p, 'units', k], 'units', c));
      if (new Set(codes).size !== codes.length)
        pr.error([...p, 'units'], 'units', '单位重复', 'Duplicate unit in the list');
      if (printedCount !== undefined && printedCount !== codes.length) {
        pr.error(
          [...p, 'units'],
          'units',
          `列出 ${codes.length} 个单位，印刷为 ${printedCount} 个`,
          `${codes.length} units listed, ${printedCount} printed`,
        );
      }
      if (name !== undefined && printedCount !== undefined) participants.push({ name, printedCount, unitCodes: codes });
    });
  }

  // 附件7 responsibility indicators 2022
  const ir = open(ASSESSMENT_FILES.indicators);
  const indicators2022: ResponsibilityIndicator[] = [];
  if (ir) {
    ir.list(ir.src.data, 'groups').forEach((g, i) => {
      const group = ir.str(g, ['groups', i], 'name') ?? '';
      const groupNo = ir.str(g, ['groups', i], 'no') ?? '';
      ir.list(g, 'items').forEach((it, k) => {
        const p: YamlPath = ['groups', i, 'items', k];
        const no = ir.int(it, p, 'no');
        const name = ir.str(it, p, 'name');
        if (no === undefined || name === undefined) return;
        if (no !== indicators2022.length + 1)
          ir.error(
            [...p, 'no'],
            'no',
            `序号应为 ${indicators2022.length + 1}`,
            `Expected item number ${indicators2022.length + 1}, got ${no}`,
          );
        const ind: ResponsibilityIndicator = { no, name, group, groupNo };
        const note = ir.str(it, p, 'note', false);
        if (note !== undefined) ind.note = note;
        indicators2022.push(ind);
      });
    });
  }

  const errors = issues.errors;
  if (errors.length > 0 || code === undefined || year === undefined || title === undefined) {
    return { ok: false, errors, warnings: issues.warnings };
  }
  return {
    ok: true,
    warnings: issues.warnings,
    data: {
      dir,
      code,
      year,
      title,
      notPrinted,
      units: [...units.values()],
      executionForm,
      awardsForm,
      scoringSheet,
      verifyingUnits,
      leaderGroups,
      participants,
      indicators2022,
    },
  };
}

/** Reads and validates an assessment directory; throws listing every error when it does not validate. */
export async function loadAssessmentDirectory(dir: string): Promise<AssessmentData> {
  const files: Record<string, string> = {};
  for (const name of Object.values(ASSESSMENT_FILES)) {
    try {
      files[name] = await fs.readFile(path.join(dir, name), 'utf8');
    } catch (e: unknown) {
      if (!isNotFound(e)) throw e;
    }
  }
  const result = validateAssessmentFiles(dir, files);
  if (!result.ok) {
    throw new Error(
      `考核数据有 ${result.errors.length} 处错误 Assessment data ${dir} has errors:\n${result.errors.map(formatIssue).join('\n')}`,
    );
  }
  return result.data;
}
