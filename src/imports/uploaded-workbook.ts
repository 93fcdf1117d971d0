import type { FastifyRequest } from 'fastify';
import { DomainError } from '../shared/problems/domain-error';
import { MAX_WORKBOOK_BYTES } from './workbook-guard';

/** The one file of a multipart upload, at most 10 MB, read whole, with the name the client gave it (if any). */
export async function uploadedWorkbook(request: FastifyRequest): Promise<{ bytes: Buffer; fileName?: string }> {
  const refuse = (code: string, message: string) =>
    new DomainError('validation', code, message, [{ field: 'file', message }]);
  if (!request.isMultipart())
    throw refuse(
      'multipart-required',
      '请以 multipart/form-data 上传一个 .xlsx 文件 / Upload one .xlsx file as multipart/form-data',
    );
  const file = await request.file({ limits: { fileSize: MAX_WORKBOOK_BYTES, files: 1 } });
  if (!file) throw refuse('file-required', '未收到文件 / No file received');
  try {
    return { bytes: await file.toBuffer(), fileName: file.filename || undefined };
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw refuse('file-too-large', '文件超过 10 MB / The file is larger than 10 MB');
    throw error;
  }
}
