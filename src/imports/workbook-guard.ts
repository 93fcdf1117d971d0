import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { DomainError } from '../shared/problems/domain-error';

export const MAX_WORKBOOK_BYTES = 10 * 1024 * 1024;

const refuse = (code: string, message: string) =>
  new DomainError('validation', code, message, [{ field: 'file', message }]);

/**
 * Opens an uploaded `.xlsx`, refusing with a clear message (and before anything is appended) a file
 * that is too large, not a workbook, password-protected (an encrypted OOXML file is an OLE container)
 * or carries macros.
 */
export async function openWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  if (bytes.length > MAX_WORKBOOK_BYTES) {
    throw refuse('file-too-large', `文件超过 10 MB / The file is larger than 10 MB`);
  }
  if (bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw refuse(
      'workbook-encrypted',
      '文件有密码保护或为旧版 .xls 格式，请取消密码并另存为 .xlsx / The file is password-protected or an old .xls: remove the password and save it as .xlsx',
    );
  }
  if (!bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    throw refuse('not-a-workbook', '文件不是 .xlsx 工作簿 / The file is not an .xlsx workbook');
  }
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw refuse(
      'not-a-workbook',
      '文件已损坏，无法作为 .xlsx 打开 / The file is damaged: it cannot be opened as .xlsx',
    );
  }
  const types = (await zip.file('[Content_Types].xml')?.async('string')) ?? '';
  if (zip.file(/vbaProject\.bin$/i).length || /macroEnabled/i.test(types)) {
    throw refuse(
      'workbook-has-macros',
      '文件含宏（.xlsm），请另存为不含宏的 .xlsx / The file contains macros: save it as a plain .xlsx',
    );
  }
  if (!zip.file('xl/workbook.xml'))
    throw refuse('not-a-workbook', '文件不是 .xlsx 工作簿 / The file is not an .xlsx workbook');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw refuse(
      'not-a-workbook',
      '文件已损坏，无法作为 .xlsx 打开 / The file is damaged: it cannot be opened as .xlsx',
    );
  }
  return workbook;
}

/** A cell's value as text: numbers as Excel holds them, formulas by their result, rich text joined. */
export function cellText(value: ExcelJS.CellValue): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return cellText(value.richText.map((r) => r.text).join(''));
    if ('text' in value) return cellText(value.text as string);
  }
  return undefined;
}
