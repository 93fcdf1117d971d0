/**
 * Reading a plan directory from disk. The only I/O of the plan-file module; validation is pure (validate.ts).
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { formatIssue } from './issues';
import { PlanDirectoryFiles, PlanFile, PlanFileIssue, PlanValidationResult } from './types';
import {
  DETAILS_DIR,
  INDICATORS_FILE,
  PLAN_FILE,
  TARGETS_DIR,
  UNITS_FILE,
  UNITS_OF_MEASURE_FILE,
  validatePlanFile,
} from './validate';

/** Thrown by loadPlanDirectory when the directory does not validate; `errors` lists every problem. */
export class PlanFileError extends Error {
  constructor(
    readonly dir: string,
    readonly errors: PlanFileIssue[],
    readonly warnings: PlanFileIssue[] = [],
  ) {
    super(
      `计划文件有 ${errors.length} 处错误 Plan file ${dir} has ${errors.length} error(s):\n${errors.map(formatIssue).join('\n')}`,
    );
    this.name = 'PlanFileError';
  }
}

/** ENOENT, checked structurally (errors from fs may come from another realm under jest). */
export function isNotFound(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'ENOENT';
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (e: unknown) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

async function listCsv(dir: string, sub: string): Promise<string[]> {
  try {
    const names = await fs.readdir(path.join(dir, sub));
    return names
      .filter((n) => n.endsWith('.csv'))
      .sort()
      .map((n) => `${sub}${n}`);
  } catch (e: unknown) {
    if (isNotFound(e)) return [];
    throw e;
  }
}

/** Reads plan.yaml, units.yaml, units-of-measure.yaml, indicators.yaml, the files named in includeUnits, targets/*.csv and details/*.csv. */
export async function readPlanDirectory(dir: string): Promise<PlanDirectoryFiles> {
  const files: Record<string, string> = {};
  for (const name of [PLAN_FILE, UNITS_FILE, UNITS_OF_MEASURE_FILE, INDICATORS_FILE]) {
    const text = await readIfExists(path.join(dir, name));
    if (text !== undefined) files[name] = text;
  }
  const planText = files[PLAN_FILE];
  if (planText !== undefined) {
    let includes: unknown;
    try {
      const doc: unknown = parse(planText, { schema: 'failsafe' });
      includes = typeof doc === 'object' && doc !== null ? (doc as Record<string, unknown>).includeUnits : undefined;
    } catch {
      includes = undefined; // reported by validatePlanFile
    }
    const list = Array.isArray(includes) ? includes : typeof includes === 'string' ? [includes] : [];
    for (const inc of list) {
      if (typeof inc !== 'string') continue;
      const text = await readIfExists(path.join(dir, inc));
      if (text !== undefined) files[inc] = text;
    }
  }
  for (const sub of [TARGETS_DIR, DETAILS_DIR]) {
    for (const rel of await listCsv(dir, sub)) files[rel] = await fs.readFile(path.join(dir, rel), 'utf8');
  }
  return { dir, files };
}

/** Reads and validates a plan directory; never throws for invalid content. */
export async function tryLoadPlanDirectory(dir: string): Promise<PlanValidationResult> {
  return validatePlanFile(await readPlanDirectory(dir));
}

/** Reads and validates a plan directory; throws PlanFileError listing every error when it does not validate. */
export async function loadPlanDirectory(dir: string): Promise<PlanFile> {
  const result = await tryLoadPlanDirectory(dir);
  if (!result.ok) throw new PlanFileError(dir, result.errors, result.warnings);
  return result.plan;
}
