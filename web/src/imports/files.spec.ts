import { filenameOf } from './files';

describe('filenameOf (Content-Disposition)', () => {
  it('prefers the RFC 6266 UTF-8 name, so Chinese file names survive', () => {
    const header = `attachment; filename="progress-anting-2021-09.xlsx"; filename*=UTF-8''${encodeURIComponent('安亭镇2021-09进度报送.xlsx')}`;
    expect(filenameOf(header, 'x.xlsx')).toBe('安亭镇2021-09进度报送.xlsx');
  });
  it('falls back to the plain name, then to the given one', () => {
    expect(filenameOf('attachment; filename="bulletin.docx"', 'x')).toBe('bulletin.docx');
    expect(filenameOf(null, 'x.pdf')).toBe('x.pdf');
    expect(filenameOf("attachment; filename*=UTF-8''%E0%A4%A", 'y')).toBe('y');
  });
});
