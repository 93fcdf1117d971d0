import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { bulletinSections, headerLines } from './bulletin-sections';
import { Cell, cellText, Table as BulletinTable } from './bulletin-tables';
import { BulletinView } from './bulletin-view';

const FONT = { ascii: 'Times New Roman', eastAsia: '仿宋_GB2312', hAnsi: 'Times New Roman' };

function tableOf(table: BulletinTable): Table {
  const row = (cells: Cell[], header: boolean) =>
    new TableRow({
      tableHeader: header,
      children: cells.map(
        (cell) =>
          new TableCell({
            children: [
              new Paragraph({
                alignment: cell !== null && typeof cell !== 'string' ? AlignmentType.RIGHT : AlignmentType.LEFT,
                children: [new TextRun({ text: cellText(cell), bold: header, size: 18 })],
              }),
            ],
          }),
      ),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [row(table.columns, true), ...table.rows.map((r) => row(r, false))],
  });
}

/** The circular as an office edits it: title, 文号, numbered sections, tables (Word / WPS). */
export async function bulletinDocx(b: BulletinView): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: b.title, bold: true, size: 36 })],
    }),
    ...headerLines(b).map((line) => new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(line)] })),
  ];
  for (const section of bulletinSections(b)) {
    children.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        children: [new TextRun({ text: section.heading, bold: true })],
      }),
    );
    for (const p of section.paragraphs)
      children.push(new Paragraph({ indent: { firstLine: 640 }, children: [new TextRun(p)] }));
    if (section.table) children.push(tableOf(section.table));
  }
  if (b.contentHash)
    children.push(new Paragraph({ children: [new TextRun({ text: `内容校验 SHA-256：${b.contentHash}`, size: 16 })] }));
  const document = new Document({
    creator: '目标责任督查系统',
    title: b.title,
    styles: { default: { document: { run: { font: FONT, size: 24 } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}
