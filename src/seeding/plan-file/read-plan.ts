/** plan.yaml 计划: code, year, title, issuing data, categories, included unit files. */
import { z } from 'zod';
import { YamlSource } from './yaml-source';
import { CODE_PATTERN, PLAN_FILE, PlanReader } from './plan-reader';
import { PlanMeta, PlanSourceDocument, RankingGroup, UNIT_KINDS } from './types';
import { isValidDate } from './values';
import { checked, isObj, oneOf, q, readEntry, text, textList } from './yaml/yaml-entry';

const PLAN_SHAPE = {
  code: checked(
    (s) => CODE_PATTERN.test(s),
    (s) => ({
      zh: `计划代码 ${q(s)} 只能用字母、数字、- 和 _`,
      en: `Plan code ${q(s)} must be ASCII letters, digits, - or _`,
    }),
  ),
  year: checked(
    (s) => /^\d{4}$/.test(s),
    (s) => ({ zh: `年份 ${q(s)} 不是四位数字`, en: `Year ${q(s)} is not a four-digit year` }),
  ),
  title: text,
  issuer: text.optional(),
  documentNo: text.optional(),
  issuedOn: checked(isValidDate, (s) => ({
    zh: `成文日期 ${q(s)} 不是有效日期 YYYY-MM-DD`,
    en: `issuedOn ${q(s)} is not a valid date YYYY-MM-DD`,
  })).optional(),
  addressees: textList.optional(),
  copyTo: textList.optional(),
  districtUnitCode: text.optional(),
  notPrinted: textList.optional(),
  categories: textList,
  includeUnits: textList.optional(),
  rankingGroups: z.unknown().optional(),
  sources: z.unknown().optional(),
  notes: textList.optional(),
};

const SOURCE_SHAPE = { file: text, description: text.optional() };
const RANKING_GROUP_SHAPE = {
  name: checked(
    (s) => s.length <= 40,
    (s) => ({ zh: `排名分组名称 ${q(s)} 超过 40 字`, en: `Ranking group name ${q(s)} is longer than 40 characters` }),
  ),
  kinds: z.array(oneOf(UNIT_KINDS)).optional(),
  units: textList.optional(),
};

/** Fields a plan may list as not printed in its document. */
const PRINTABLE = [
  'code',
  'year',
  'title',
  'issuer',
  'documentNo',
  'issuedOn',
  'addressees',
  'copyTo',
  'categories',
  'district',
];

export function readPlan(r: PlanReader): void {
  const src = r.yaml(PLAN_FILE, true);
  if (!src) return;
  if (!isObj(src.data)) {
    r.issues.error(PLAN_FILE, { line: 1 }, 'plan.yaml 应为键值映射', 'plan.yaml must be a mapping');
    return;
  }
  const { value: p } = readEntry(r.issues, src, [], src.data, PLAN_SHAPE);
  const at = (key: string) => src.at([key], key);
  const notPrinted = p.notPrinted ?? [];
  for (const np of notPrinted) {
    if (!PRINTABLE.includes(np))
      r.issues.error(
        PLAN_FILE,
        at('notPrinted'),
        `notPrinted 中的 ${q(np)} 不是计划字段`,
        `notPrinted entry ${q(np)} is not a plan field`,
      );
  }
  if (p.documentNo === undefined && !notPrinted.includes('documentNo')) {
    r.issues.warn(
      PLAN_FILE,
      at('documentNo'),
      '未填写文号，也未在 notPrinted 中说明未印出',
      'No documentNo (文号) and not listed in notPrinted as missing from the document',
    );
  }
  const categories = p.categories ?? [];
  if (src.data.categories !== undefined && categories.length === 0)
    r.issues.error(PLAN_FILE, at('categories'), '缺少分类列表', 'Missing categories');
  const seen = new Set<string>();
  for (const c of categories) {
    if (seen.has(c)) r.issues.error(PLAN_FILE, at('categories'), `分类重复 ${q(c)}`, `Duplicate category ${q(c)}`);
    seen.add(c);
  }
  const sources: PlanSourceDocument[] = [];
  const rawSources = src.data.sources;
  if (Array.isArray(rawSources)) {
    rawSources.forEach((s, i) => {
      if (!isObj(s)) {
        r.issues.error(
          PLAN_FILE,
          src.at(['sources', i]),
          'sources 的每项应为映射',
          'Each sources entry must be a mapping',
        );
        return;
      }
      const { value: se } = readEntry(r.issues, src, ['sources', i], s, SOURCE_SHAPE);
      if (se.file !== undefined)
        sources.push(se.description === undefined ? { file: se.file } : { file: se.file, description: se.description });
    });
  } else if (rawSources !== undefined && rawSources !== null && rawSources !== '') {
    r.issues.error(PLAN_FILE, at('sources'), 'sources 应为列表', 'sources must be a list');
  }
  const rankingGroups = readRankingGroups(r, src, src.data.rankingGroups);
  if (p.code === undefined || p.title === undefined || p.year === undefined) return;
  const meta: PlanMeta = {
    code: p.code,
    year: Number(p.year),
    title: p.title,
    notPrinted,
    categories,
    addressees: p.addressees ?? [],
    copyTo: p.copyTo ?? [],
    includeUnits: p.includeUnits ?? [],
    sources,
    notes: p.notes ?? [],
  };
  if (p.issuer !== undefined) meta.issuer = p.issuer;
  if (p.documentNo !== undefined) meta.documentNo = p.documentNo;
  if (p.issuedOn !== undefined) meta.issuedOn = p.issuedOn;
  if (p.districtUnitCode !== undefined) meta.districtUnitCode = p.districtUnitCode;
  if (rankingGroups.length) meta.rankingGroups = rankingGroups;
  r.meta = meta;
}

/** `rankingGroups: [{ name, kinds?: [town, subdistrict], units?: [codes] }]` (unit codes are checked once the units are read). */
function readRankingGroups(r: PlanReader, src: YamlSource, raw: unknown): RankingGroup[] {
  if (raw === undefined || raw === null || raw === '') return [];
  if (!Array.isArray(raw)) {
    r.issues.error(
      PLAN_FILE,
      src.at(['rankingGroups'], 'rankingGroups'),
      'rankingGroups 应为列表',
      'rankingGroups must be a list',
    );
    return [];
  }
  const out: RankingGroup[] = [];
  const names = new Set<string>();
  raw.forEach((g, i) => {
    if (!isObj(g)) {
      r.issues.error(
        PLAN_FILE,
        src.at(['rankingGroups', i], 'rankingGroups'),
        '每个排名分组应为映射 { name, kinds?, units? }',
        'Each ranking group must be a mapping { name, kinds?, units? }',
      );
      return;
    }
    const { value: v } = readEntry(r.issues, src, ['rankingGroups', i], g, RANKING_GROUP_SHAPE);
    if (v.name === undefined) return;
    if (names.has(v.name))
      r.issues.error(
        PLAN_FILE,
        src.at(['rankingGroups', i, 'name'], 'name'),
        `排名分组重复 ${q(v.name)}`,
        `Duplicate ranking group ${q(v.name)}`,
      );
    names.add(v.name);
    const group: RankingGroup = { name: v.name };
    if (v.kinds?.length) group.kinds = v.kinds;
    if (v.units?.length) group.units = v.units;
    if (!group.kinds && !group.units) {
      r.issues.error(
        PLAN_FILE,
        src.at(['rankingGroups', i], 'kinds'),
        `排名分组 ${q(v.name)} 需要 kinds 或 units`,
        `Ranking group ${q(v.name)} needs kinds or units`,
      );
    }
    r.rankingGroupLines.push(src.at(['rankingGroups', i, 'units'], 'units'));
    out.push(group);
  });
  if (out.length > 20)
    r.issues.error(
      PLAN_FILE,
      src.at(['rankingGroups'], 'rankingGroups'),
      '排名分组最多 20 个',
      'At most 20 ranking groups',
    );
  return out;
}
