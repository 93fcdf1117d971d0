import { FieldError } from '../problems/domain-error';
import { FORBIDDEN_KEYS, INPUT_LIMITS } from './input-limits';

/** With the u flag a surrogate pair is one code point, so only an unpaired half matches. */
const LONE_SURROGATE = /\p{Cs}/u;

/** Why a string cannot be stored, or undefined when it can (PostgreSQL text refuses NUL; JSON refuses lone surrogates). */
export function stringProblem(value: string, maxLength: number = INPUT_LIMITS.maxStringLength): string | undefined {
  if (value.includes('\u0000')) return '不能含空字符 U+0000 / must not contain the NUL character (U+0000)';
  if (LONE_SURROGATE.test(value)) return '不能含孤立的代理码元 / must not contain a lone surrogate (malformed UTF-16)';
  if (value.length > maxLength) return `最长 ${maxLength} 个字符 / must be at most ${maxLength} characters`;
  return undefined;
}

export interface InspectedInput {
  /** The input with every string and key normalized to NFC (a fresh structure; the original is untouched). */
  value: unknown;
  problems: FieldError[];
}

/**
 * Walks parsed input without recursion (so depth cannot overflow the stack), refusing NUL, lone
 * surrogates, over-long strings, prototype keys, non-finite numbers and nesting deeper than the limit,
 * and returns a copy whose strings and keys are NFC-normalized. Fields are named as the DTO
 * validation names them (`assessment.total`, `items[2]`); a problem of the whole input by `root`
 * ('body', 'query', 'path').
 */
export function inspectInput(input: unknown, root: string, maxStringLength?: number): InspectedInput {
  const problems: FieldError[] = [];
  const seen = new Set<string>();
  const report = (path: string, message: string) => {
    const field = path || root;
    if (seen.has(field)) return; // each field once
    seen.add(field);
    problems.push({ field, message });
  };
  const holder: { value: unknown } = { value: undefined };
  const stack: Array<{ value: unknown; path: string; depth: number; assign: (v: unknown) => void }> = [
    { value: input, path: '', depth: 0, assign: (v) => (holder.value = v) },
  ];
  while (stack.length) {
    const { value, path, depth, assign } = stack.pop()!;
    if (typeof value === 'string') {
      const problem = stringProblem(value, maxStringLength);
      if (problem) report(path, problem);
      assign(problem ? value : value.normalize('NFC'));
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) report(path, '数值超出范围 / number out of range');
      assign(value);
    } else if (value !== null && typeof value === 'object') {
      if (depth >= INPUT_LIMITS.maxJsonDepth) {
        report(
          '',
          `嵌套不能超过 ${INPUT_LIMITS.maxJsonDepth} 层 / must not nest deeper than ${INPUT_LIMITS.maxJsonDepth} levels`,
        );
        assign(undefined);
        continue;
      }
      if (Array.isArray(value)) {
        const copy: unknown[] = new Array<unknown>(value.length);
        assign(copy);
        value.forEach((item, i) =>
          stack.push({ value: item, path: `${path || root}[${i}]`, depth: depth + 1, assign: (v) => (copy[i] = v) }),
        );
      } else {
        const copy: Record<string, unknown> = {};
        assign(copy);
        for (const key of Object.keys(value)) {
          const normalizedKey = key.normalize('NFC');
          const field = path ? `${path}.${key}` : key;
          const keyProblem = FORBIDDEN_KEYS.has(normalizedKey)
            ? `不允许的键名“${key}” / the key '${key}' is not allowed`
            : stringProblem(key, INPUT_LIMITS.maxParameterLength);
          if (keyProblem) {
            report(field, keyProblem);
            continue;
          }
          // Forbidden keys never get here, so a plain object cannot be polluted through `copy[key] = …`.
          const item = (value as Record<string, unknown>)[key];
          stack.push({ value: item, path: field, depth: depth + 1, assign: (v) => (copy[normalizedKey] = v) });
        }
      }
    } else {
      assign(value);
    }
  }
  return { value: holder.value, problems };
}
