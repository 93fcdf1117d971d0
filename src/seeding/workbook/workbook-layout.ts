/**
 * The plan workbook 计划工作簿: the plan-file format of seeds/README.md as one .xlsx. Each YAML file is a
 * sheet with one row per entry (one column per field), each decomposition table a sheet laid out like
 * the CSV (directive rows `# table: …`, the header row, one row per unit). The reader turns the sheets
 * back into the plan directory's files, row n of a sheet being line n of its file, so the plan files'
 * own validation runs unchanged and its messages point at sheet, row and column.
 */
import { INDICATORS_FILE, PLAN_FILE, TARGETS_DIR, UNITS_FILE, UNITS_OF_MEASURE_FILE } from '../plan-file/plan-reader';

export interface YamlSheet {
  /** sheet name as written and looked up */
  sheet: string;
  /** the plan-directory file the sheet stands for */
  file: string;
  /** one column per field: `key` is the YAML path inside an entry (`assessment.total`) */
  columns: Array<{ key: string; zh: string; list?: boolean; choices?: readonly string[] }>;
}

/** The column that takes any other field of an entry, as a YAML flow mapping `{ split: [...] }`. */
export const MORE_KEY = 'more';
const MORE = { key: MORE_KEY, zh: '其他字段（YAML）' };

const VALUE_FIELDS = [
  ['total', '总量'],
  ['unitOfMeasure', '计量单位'],
  ['growthPct', '增幅%'],
  ['text', '文字'],
  ['deadline', '期限'],
  ['rank', '排名'],
] as const;

export const PLAN_SHEET = '计划 plan';
export const UNITS_SHEET = '单位 units';
export const UNITS_OF_MEASURE_SHEET = '计量单位 units of measure';
export const INDICATORS_SHEET = '指标 indicators';

/** The plan sheet is one row per field: 字段 field | 值 value. */
export const PLAN_FIELDS: Array<{ key: string; zh: string; list?: boolean; yaml?: boolean }> = [
  { key: 'code', zh: '计划代码' },
  { key: 'year', zh: '年度' },
  { key: 'title', zh: '标题' },
  { key: 'issuer', zh: '发文机关' },
  { key: 'documentNo', zh: '文号' },
  { key: 'issuedOn', zh: '成文日期' },
  { key: 'addressees', zh: '主送', list: true },
  { key: 'copyTo', zh: '抄送', list: true },
  { key: 'districtUnitCode', zh: '全区单位代码' },
  { key: 'notPrinted', zh: '未印出字段', list: true },
  { key: 'categories', zh: '分类', list: true },
  { key: 'notes', zh: '说明', list: true },
  // a YAML list: [{ name: 街镇, kinds: [town, subdistrict] }, { name: 委办局, kinds: [department] }]
  { key: 'rankingGroups', zh: '排名分组', yaml: true },
];

export const UNITS_LAYOUT: YamlSheet = {
  sheet: UNITS_SHEET,
  file: UNITS_FILE,
  columns: [
    { key: 'code', zh: '单位代码' },
    { key: 'name', zh: '单位名称' },
    { key: 'kind', zh: '类型', choices: ['district', 'town', 'subdistrict', 'zone', 'department', 'soe', 'other'] },
    { key: 'aliases', zh: '别名', list: true },
    { key: 'note', zh: '备注' },
    MORE,
  ],
};

export const UNITS_OF_MEASURE_LAYOUT: YamlSheet = {
  sheet: UNITS_OF_MEASURE_SHEET,
  file: UNITS_OF_MEASURE_FILE,
  columns: [
    { key: 'symbol', zh: '计量单位' },
    { key: 'name', zh: '计量什么' },
    { key: 'additive', zh: '可相加', choices: ['true', 'false'] },
    { key: 'equals.factor', zh: '换算系数' },
    { key: 'equals.unit', zh: '换算为' },
    { key: 'aliases', zh: '别名', list: true },
    { key: 'note', zh: '备注' },
    MORE,
  ],
};

export const INDICATORS_LAYOUT: YamlSheet = {
  sheet: INDICATORS_SHEET,
  file: INDICATORS_FILE,
  columns: [
    { key: 'code', zh: '指标代码' },
    { key: 'serialNo', zh: '序号' },
    { key: 'group', zh: '指标组' },
    { key: 'category', zh: '分类' },
    { key: 'name', zh: '指标名称' },
    { key: 'parentCode', zh: '上级指标' },
    { key: 'unitOfMeasure', zh: '计量单位' },
    { key: 'kind', zh: '类型' },
    { key: 'direction', zh: '方向', choices: ['higher_is_better', 'lower_is_better'] },
    { key: 'reportingMonths', zh: '报送月数' },
    { key: 'leadUnitCodes', zh: '牵头单位', list: true },
    { key: 'cooperatingUnitCodes', zh: '配合单位', list: true },
    { key: 'cooperatingOther', zh: '其他配合方', list: true },
    { key: 'verifyingUnitCode', zh: '认定单位' },
    { key: 'decomposition', zh: '分解方式' },
    ...VALUE_FIELDS.map(([key, zh]) => ({ key: `assessment.${key}`, zh: `考核目标${zh}` })),
    ...VALUE_FIELDS.map(([key, zh]) => ({ key: `work.${key}`, zh: `工作目标${zh}` })),
    { key: 'source.file', zh: '来源文件' },
    { key: 'source.table', zh: '来源表' },
    { key: 'source.lines', zh: '来源行' },
    { key: 'note', zh: '备注' },
    MORE,
  ],
};

export const YAML_SHEETS: YamlSheet[] = [UNITS_LAYOUT, UNITS_OF_MEASURE_LAYOUT, INDICATORS_LAYOUT];

/** Header cell of a column: Chinese first, then the field's key, which is what the reader matches. */
export function headerOf(column: { key: string; zh: string }): string {
  return `${column.zh} ${column.key}`;
}

/** The key a header cell names: its last word (`考核目标总量 assessment.total` → `assessment.total`). */
export function keyOfHeader(header: string): string {
  const words = header.trim().split(/\s+/);
  return words[words.length - 1] ?? '';
}

/** Sheets other than the four above whose first cell reads `# table:` are decomposition tables. */
export const TABLE_DIRECTIVE = /^#\s*table\s*[:：]/;

export function tableFile(sheet: string): string {
  return `${TARGETS_DIR}${sheet}.csv`;
}

export { PLAN_FILE };

/** List cells: one item per line, or separated by ；/; */
export function splitList(cell: string): string[] {
  return cell
    .split(/\r?\n|[；;]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
