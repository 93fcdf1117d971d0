import { bulletinSections, headerLines } from './bulletin-sections';
import { Cell, cellText } from './bulletin-tables';
import { BulletinView } from './bulletin-view';

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
  @page { size: A4; margin: 18mm 15mm; }
  body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", "SimSun", serif; font-size: 11pt; line-height: 1.6; color: #000; }
  h1 { text-align: center; font-size: 18pt; margin: 0 0 6pt; }
  .meta { text-align: center; margin: 0; }
  h2 { font-size: 13pt; margin: 14pt 0 6pt; }
  table { border-collapse: collapse; width: 100%; font-size: 9pt; page-break-inside: auto; }
  th, td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: top; }
  th { background: #e8e8e8; }
  thead { display: table-header-group; }
  tr { page-break-inside: avoid; }
  td.n { text-align: right; white-space: nowrap; }
  .hash { margin-top: 18pt; font-size: 8pt; color: #444; word-break: break-all; }`;

const td = (cell: Cell) =>
  `<td${cell !== null && typeof cell !== 'string' ? ' class="n"' : ''}>${escape(cellText(cell))}</td>`;

/** The printable bulletin (HTML, A4), also what Chromium prints to PDF. */
export function bulletinHtml(b: BulletinView): string {
  const body = bulletinSections(b)
    .map((s) =>
      [
        `<h2>${escape(s.heading)}</h2>`,
        ...s.paragraphs.map((p) => `<p>${escape(p)}</p>`),
        ...(s.table
          ? [
              `<table><thead><tr>${s.table.columns.map((c) => `<th>${escape(c)}</th>`).join('')}</tr></thead><tbody>${s.table.rows.map((r) => `<tr>${r.map(td).join('')}</tr>`).join('')}</tbody></table>`,
            ]
          : []),
      ].join('\n'),
    )
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(b.title)}</title><style>${STYLE}</style></head>
<body>
<h1>${escape(b.title)}</h1>
${headerLines(b)
  .map((l) => `<p class="meta">${escape(l)}</p>`)
  .join('\n')}
${body}
${b.contentHash ? `<p class="hash">内容校验 SHA-256：${b.contentHash}</p>` : ''}
</body></html>`;
}
