import { isNode, LineCounter, parseDocument } from 'yaml';
import { IssueList } from './issues';

export type YamlPath = (string | number)[];

/** `[3].assessment.total` */
export function formatPath(path: YamlPath): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
    .join('')
    .replace(/^\./, '');
}

/**
 * A YAML file read with the failsafe schema: every scalar stays a string exactly as written
 * ("12.0" stays "12.0", 2021-06-30 stays a string), so figures keep their printed digits.
 */
export class YamlSource {
  readonly data: unknown;
  private readonly lineCounter = new LineCounter();
  private readonly doc;

  constructor(
    readonly file: string,
    text: string,
    issues: IssueList,
  ) {
    this.doc = parseDocument(text, { schema: 'failsafe', lineCounter: this.lineCounter, prettyErrors: false });
    for (const e of this.doc.errors) {
      const line = e.linePos?.[0]?.line ?? this.lineCounter.linePos(e.pos[0]).line;
      issues.error(file, { line }, 'YAML 语法错误', `YAML syntax error: ${e.message.split('\n')[0]}`);
    }
    this.data = this.doc.errors.length > 0 ? undefined : this.doc.toJS();
  }

  /** Line of the node at `path`, or of its nearest existing ancestor. */
  lineOf(path: YamlPath): number | undefined {
    for (let n = path.length; n >= 0; n -= 1) {
      const node: unknown = n === 0 ? this.doc.contents : this.doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return this.lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  }

  at(path: YamlPath, field?: string): { line?: number; path: string; field?: string } {
    const loc: { line?: number; path: string; field?: string } = { path: formatPath(path) };
    const line = this.lineOf(path);
    if (line !== undefined) loc.line = line;
    if (field !== undefined) loc.field = field;
    return loc;
  }
}
