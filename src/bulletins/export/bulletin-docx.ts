import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import JSZip from 'jszip';
import { bulletinSections, headerLines } from './bulletin-sections';
import { Table } from './bulletin-tables';
import { BulletinView } from './bulletin-view';
import { docxTableXml } from './docx-table-xml';

const FONT = { ascii: 'Times New Roman', eastAsia: '仿宋_GB2312', hAnsi: 'Times New Roman' };
const DOCUMENT_XML = 'word/document.xml';
/** Stands in a paragraph of its own for table n until the tables' XML replaces it. */
const placeholder = (n: number) => `BULLETIN-TABLE-${n}-PLACEHOLDER`;
const PLACEHOLDER_PARAGRAPH =
  /<w:p(?: [^>]*)?>(?:(?!<\/w:p>).)*?BULLETIN-TABLE-(\d+)-PLACEHOLDER(?:(?!<\/w:p>).)*?<\/w:p>/gs;

/**
 * The circular as an office edits it: title, 文号, numbered sections, tables (Word / WPS). The docx
 * package writes the document, its styles and fonts; each table is written as WordprocessingML directly
 * (docx-table-xml.ts) in the place of a placeholder paragraph, which keeps a large plan's export fast.
 */
export async function bulletinDocx(b: BulletinView): Promise<Buffer> {
  const tables: Table[] = [];
  const children: Paragraph[] = [
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
    if (section.table) {
      children.push(new Paragraph({ children: [new TextRun(placeholder(tables.length))] }));
      tables.push(section.table);
    }
  }
  if (b.contentHash)
    children.push(new Paragraph({ children: [new TextRun({ text: `内容校验 SHA-256：${b.contentHash}`, size: 16 })] }));
  const document = new Document({
    creator: '目标责任督查系统',
    title: b.title,
    styles: { default: { document: { run: { font: FONT, size: 24 } } } },
    sections: [{ children }],
  });
  const zip = await JSZip.loadAsync(await Packer.toBuffer(document));
  const xml = await zip.file(DOCUMENT_XML)!.async('string');
  let replaced = 0;
  const withTables = xml.replace(PLACEHOLDER_PARAGRAPH, (_p, n: string) => {
    replaced++;
    return docxTableXml(tables[Number(n)]);
  });
  if (replaced !== tables.length) throw new Error(`docx export: ${replaced} of ${tables.length} tables placed`);
  zip.file(DOCUMENT_XML, withTables);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
