import { Cell, cellText, Table } from './bulletin-tables';

/** Text width of an A4 page with the docx package's default 1-inch margins, in twentieths of a point. */
const TEXT_WIDTH_TWIPS = 11906 - 2 * 1440;
/** 9 pt (half-points), the tables' text size. */
const TABLE_TEXT_SIZE = 18;
const BORDER = 'w:val="single" w:sz="4" w:space="0" w:color="auto"';
const BORDERS = `<w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV']
  .map((side) => `<w:${side} ${BORDER}/>`)
  .join('')}</w:tblBorders>`;

/** Text for XML character data: the five specials escaped, characters XML 1.0 forbids dropped. */
export function xmlText(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- XML 1.0 forbids these characters: they are removed
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  );
}

/**
 * A bulletin table as WordprocessingML (`<w:tbl>`), written as one string: a completion table of 800
 * targets is some 9,000 cells, which the docx package's object tree takes seconds to build and
 * serialise. Full width, single borders, the header row repeated on every page, figures right-aligned.
 */
export function docxTableXml(table: Pick<Table, 'columns' | 'rows'>): string {
  const width = Math.floor(TEXT_WIDTH_TWIPS / Math.max(1, table.columns.length));
  const cellXml = (cell: Cell, header: boolean) => {
    const figure = cell !== null && typeof cell !== 'string';
    return (
      `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/></w:tcPr>` +
      `<w:p><w:pPr><w:jc w:val="${figure ? 'right' : 'left'}"/></w:pPr>` +
      `<w:r><w:rPr>${header ? '<w:b/><w:bCs/>' : ''}<w:sz w:val="${TABLE_TEXT_SIZE}"/><w:szCs w:val="${TABLE_TEXT_SIZE}"/></w:rPr>` +
      `<w:t xml:space="preserve">${xmlText(cellText(cell))}</w:t></w:r></w:p></w:tc>`
    );
  };
  const rowXml = (cells: Cell[], header: boolean) =>
    `<w:tr>${header ? '<w:trPr><w:tblHeader/></w:trPr>' : ''}${cells.map((c) => cellXml(c, header)).join('')}</w:tr>`;
  return (
    `<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/>${BORDERS}<w:tblLayout w:type="autofit"/></w:tblPr>` +
    `<w:tblGrid>${`<w:gridCol w:w="${width}"/>`.repeat(table.columns.length)}</w:tblGrid>` +
    rowXml(table.columns, true) +
    table.rows.map((r) => rowXml(r, false)).join('') +
    `</w:tbl>`
  );
}
