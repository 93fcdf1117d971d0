import { bulletinDocx } from './bulletin-docx';
import { bulletinHtml } from './bulletin-html';
import { bulletinXlsx } from './bulletin-xlsx';
import { BulletinView } from './bulletin-view';
import { htmlToPdf } from './html-to-pdf';
import { ExportFormat } from '../http/bulletin.dto';

export interface ExportedFile {
  body: Buffer | string;
  contentType: string;
  filename: string;
  fallbackFilename: string;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
};

/** A bulletin in one of its formats, named by its 文号 (or its title while a draft). */
export async function exportBulletin(view: BulletinView, format: ExportFormat): Promise<ExportedFile> {
  const body =
    format === 'xlsx'
      ? await bulletinXlsx(view)
      : format === 'docx'
        ? await bulletinDocx(view)
        : format === 'pdf'
          ? await htmlToPdf(bulletinHtml(view))
          : bulletinHtml(view);
  const name = `${view.title}${view.documentNo ? `（${view.documentNo}）` : '（草稿）'}`.replace(
    /[\\/:*?"<>|\r\n]/g,
    '_',
  );
  return {
    body,
    contentType: CONTENT_TYPES[format],
    filename: `${name}.${format}`,
    fallbackFilename: `bulletin-${view.planCode}-${view.period}.${format}`,
  };
}
