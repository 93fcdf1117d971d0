/** plan.yaml 计划: code, year, title, issuing data, categories, included unit files. */
import { z } from 'zod';
import { CODE_PATTERN, PLAN_FILE, PlanReader } from './plan-reader';
import { PlanMeta, PlanSourceDocument } from './types';
import { isValidDate } from './values';
import { checked, isObj, q, readEntry, text, textList } from './yaml/yaml-entry';

const PLAN_SHAPE = {
  code: checked(
    (s) => CODE_PATTERN.test(s),
    (s) => ({ zh: `计划代码 ${q(s)} 只能用字母、数字、- 和 _`, en: `Plan code ${q(s)} must be ASCII letters, digits, - or _` }),
  ),
  year: checked(
    (s) => /^\d{4}$/.test(s),
    (s) => ({ zh: `年份 ${q(s)} 不是四位数字`, en: `Year ${q(s)} is not a four-digit year` }),
  ),
  title: text,
  issuer: text.optional(),
  documentNo: text.optional(),
  issuedOn: checked(isValidDate, (s) => ({ zh: `成文日期 ${q(s)} 不是有效日期 YYYY-MM-DD`, en: `issuedOn ${q(s)} is not a valid date YYYY-MM-DD` })).optional(),
  addressees: textList.optional(),
  copyTo: textList.optional(),
  districtUnitCode: text.optional(),
  notPrinted: textList.optional(),
  categories: textList,
  includeUnits: textList.optional(),
  sources: z.unknown().optional(),
  notes: textList.optional(),
};

const SOURCE_SHAPE = { file: text, description: text.optional() };

/** Fields a plan may list as not printed in its document. */
const PRINTABLE = ['code', 'year', 'title', 'issuer', 'documentNo', 'issuedOn', 'addressees', 'copyTo', 'categories', 'district'];

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
    if (!PRINTABLE.includes(np)) r.issues.error(PLAN_FILE, at('notPrinted'), `notPrinted 中的 ${q(np)} 不是计划字段`, `notPrinted entry ${q(np)} is not a plan field`);
  }
  if (p.documentNo === undefined && !notPrinted.includes('documentNo')) {
    r.issues.warn(PLAN_FILE, at('documentNo'), '未填写文号，也未在 notPrinted 中说明未印出', 'No documentNo (文号) and not listed in notPrinted as missing from the document');
  }
  const categories = p.categories ?? [];
  if (src.data.categories !== undefined && categories.length === 0) r.issues.error(PLAN_FILE, at('categories'), '缺少分类列表', 'Missing categories');
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
        r.issues.error(PLAN_FILE, src.at(['sources', i]), 'sources 的每项应为映射', 'Each sources entry must be a mapping');
        return;
      }
      const { value: se } = readEntry(r.issues, src, ['sources', i], s, SOURCE_SHAPE);
      if (se.file !== undefined) sources.push(se.description === undefined ? { file: se.file } : { file: se.file, description: se.description });
    });
  } else if (rawSources !== undefined && rawSources !== null && rawSources !== '') {
    r.issues.error(PLAN_FILE, at('sources'), 'sources 应为列表', 'sources must be a list');
  }
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
  r.meta = meta;
}
