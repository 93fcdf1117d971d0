import fs from 'node:fs';

export interface CapturedLogs {
  /** Everything written to stdout and stderr since capture began (pino's JSON lines included). */
  text(): string;
  /** Stops capturing; the output is still swallowed (tests stay quiet). */
  restore(): void;
}

type Write = (fd: number, data: unknown, ...rest: unknown[]) => unknown;

/**
 * Captures what the application writes to stdout/stderr, including pino, which writes to the file
 * descriptor through sonic-boom rather than through process.stdout. Start it before booting the app.
 */
export function captureLogs(): CapturedLogs {
  const chunks: string[] = [];
  const original = { writeSync: fs.writeSync as unknown as Write, write: fs.write as unknown as Write };
  const keep = (fd: number, data: unknown) => {
    if (fd !== 1 && fd !== 2) return false;
    chunks.push(typeof data === 'string' ? data : Buffer.isBuffer(data) ? data.toString('utf8') : String(data));
    return true;
  };
  const writeSync = jest.spyOn(fs, 'writeSync').mockImplementation(((fd: number, data: unknown, ...rest: unknown[]) => {
    if (keep(fd, data)) return Buffer.byteLength(chunks[chunks.length - 1]);
    return original.writeSync.call(fs, fd, data, ...rest);
  }) as typeof fs.writeSync);
  const write = jest.spyOn(fs, 'write').mockImplementation(((fd: number, data: unknown, ...rest: unknown[]) => {
    const callback = rest.find((r): r is (e: null, n: number) => void => typeof r === 'function');
    if (keep(fd, data)) return callback?.(null, Buffer.byteLength(chunks[chunks.length - 1]));
    return original.write.call(fs, fd, data, ...rest);
  }) as typeof fs.write);
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((data: string | Uint8Array) => keep(1, data));
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((data: string | Uint8Array) => keep(2, data));
  return {
    text: () => chunks.join(''),
    restore() {
      for (const spy of [writeSync, write, stdout, stderr]) spy.mockRestore();
    },
  };
}
