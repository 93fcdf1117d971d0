/**
 * Checks one YAML mapping against its zod shape and reports every problem with file, line, path and
 * field, Chinese first. Shapes are flat: a nested mapping (a target value, a source) is `z.unknown()`
 * in its parent and read as an entry of its own, at its own path. The fields that passed are returned
 * even when others did not, so one bad field does not hide the rest of the entry.
 */
import { z } from 'zod';
import { IssueList } from '../issues';
import { YamlPath, YamlSource } from '../yaml-source';

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const q = (s: string) => `'${s}'`;

/** The bilingual message of a refinement: `.refine(fn, { params: zhEn(zh, en) })` or `ctx.addIssue`. */
export interface ZhEn {
  zh: string;
  en: string;
}

type FlatShape = Record<string, z.ZodType>;
export type EntryOf<S extends FlatShape> = Partial<z.output<z.ZodObject<S>>>;

/** Failsafe YAML: `key:` with nothing after it, or `key: ''`, means the field is absent. */
function withoutBlanks(obj: Obj): Obj {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined && v !== null && v !== ''));
}

/** Reads the mapping `raw` at `path` of `src` with a strict flat shape; reports problems; returns the valid fields. */
export function readEntry<S extends FlatShape>(
  issues: IssueList,
  src: YamlSource,
  path: YamlPath,
  raw: Obj,
  shape: S,
): { value: EntryOf<S>; ok: boolean } {
  const obj = withoutBlanks(raw);
  const result = z.strictObject(shape).safeParse(obj);
  if (result.success) return { value: result.data as EntryOf<S>, ok: true };
  const report = (key: string | undefined, zh: string, en: string) =>
    issues.error(src.file, src.at(key === undefined ? path : [...path, key], key), zh, en);
  for (const issue of result.error.issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : undefined;
    const input = key === undefined ? obj : obj[key];
    const name = key ?? '';
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys)
        report(k, `未知字段 ${q(k)}`, `Unknown field ${q(k)} (allowed: ${Object.keys(shape).join(', ')})`);
    } else if (issue.code === 'custom' && issue.params && 'zh' in issue.params) {
      const p = issue.params as ZhEn;
      report(key, p.zh, p.en);
    } else if (input === undefined) {
      report(key, `缺少必填字段 ${q(name)}`, `Missing required field ${q(name)}`);
    } else if (issue.code === 'invalid_value') {
      const got = typeof input === 'string' ? input : JSON.stringify(input);
      report(
        key,
        `${q(name)} 的值 ${q(got)} 不在允许范围内`,
        `${q(name)} must be one of ${issue.values.map(String).join(', ')}; got ${q(got)}`,
      );
    } else if (issue.code === 'invalid_union' || (issue.code === 'invalid_type' && issue.expected === 'array')) {
      report(key, `字段 ${q(name)} 应为文字列表`, `Field ${q(name)} must be a list of values`);
    } else if (issue.code === 'invalid_type' && issue.expected === 'string') {
      report(key, `字段 ${q(name)} 应为单个值`, `Field ${q(name)} must be a single value, not a list or mapping`);
    } else {
      report(key, `字段 ${q(name)} 的格式不对`, `Field ${q(name)}: ${issue.message}`);
    }
  }
  const partial: Record<string, unknown> = {};
  for (const [k, fieldSchema] of Object.entries(shape)) {
    if (obj[k] === undefined) continue;
    const r = fieldSchema.safeParse(obj[k]);
    if (r.success) partial[k] = r.data;
  }
  return { value: partial as EntryOf<S>, ok: false };
}

// ───────────── field shapes shared by the plan files ─────────────

/** A single value (failsafe YAML: every scalar is text), trimmed. */
export const text = z.string().transform((s) => s.trim());

/** A list of values; one value alone is a one-element list. */
export const textList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (typeof v === 'string' ? [v.trim()] : v.map((x) => x.trim())));

/** unreadable / ambiguous: `true` (the whole entry), `false`, or a list of field names. */
export const flags = z
  .union([z.string(), z.array(z.string())])
  .transform((v) =>
    v === 'true' ? ['*'] : v === 'false' ? [] : typeof v === 'string' ? [v.trim()] : v.map((x) => x.trim()),
  );

export const oneOf = <T extends string>(values: readonly T[]) => z.enum(values as unknown as [T, ...T[]]);

/** A text that must match `test`; the message names the value. */
export function checked(test: (s: string) => boolean, message: (s: string) => ZhEn) {
  return text.superRefine((value, ctx) => {
    if (!test(value)) ctx.addIssue({ code: 'custom', params: message(value), message: message(value).en });
  });
}
