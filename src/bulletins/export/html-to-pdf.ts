import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DomainError } from '../../shared/problems/domain-error';

const run = promisify(execFile);

/** Chromium for printing (Debian's `chromium` package); `CHROMIUM_PATH` overrides the path. */
export function chromiumPath(): string | undefined {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  return existsSync(path) ? path : undefined;
}

/** Prints HTML to PDF with headless Chromium (A4, the page's own @page margins). */
export async function htmlToPdf(html: string): Promise<Buffer> {
  const chromium = chromiumPath();
  if (!chromium) {
    throw new DomainError(
      'not_found',
      'pdf-unavailable',
      '服务器未安装 Chromium，无法生成 PDF（可下载 HTML 后打印）/ PDF needs Chromium on the server; download the HTML and print it',
    );
  }
  const dir = await mkdtemp(join(tmpdir(), 'bulletin-pdf-'));
  try {
    const page = join(dir, 'bulletin.html');
    const pdf = join(dir, 'bulletin.pdf');
    await writeFile(page, html, 'utf8');
    await run(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--no-pdf-header-footer',
        `--user-data-dir=${join(dir, 'profile')}`,
        `--print-to-pdf=${pdf}`,
        `file://${page}`,
      ],
      { timeout: 60_000 },
    );
    return await readFile(pdf);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
