import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createPostgresTestDatabase, TestDatabase } from '../support/test-databases';

const ROOT = resolve(__dirname, '../..');
const kinds: Array<'embedded' | 'postgres'> = process.env.DATABASE_URL ? ['embedded', 'postgres'] : ['embedded'];

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** `npm start` as a child process (ts-node on src/main.ts), its output collected. */
function start(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(
    process.execPath,
    [join(ROOT, 'node_modules/ts-node/dist/bin.js'), '--transpile-only', 'src/main.ts'],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'development', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

async function until<T>(
  what: string,
  check: () => Promise<T | undefined>,
  output: () => string,
  timeoutMs = 240_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} not reached; output:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
  });
}

/** Issue 14, "Deployment": what the boot says it binds, and a first start that answers while the demo loads. */
describe.each(kinds)('npm start (%s)', (kind) => {
  let dataDir: string;
  let database: TestDatabase | undefined;
  let running: ChildProcess | undefined;
  const databaseEnv = (): Record<string, string> => (database ? { DATABASE_URL: database.url } : {});

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'boot-test-'));
    if (kind === 'postgres') database = await createPostgresTestDatabase(process.env.DATABASE_URL!);
  });
  afterEach(async () => {
    if (running) await stop(running);
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('logs the address it binds (0.0.0.0) and a local URL that opens it', async () => {
    const port = await freePort();
    const { child, output } = start({
      PORT: String(port),
      HOST: '0.0.0.0',
      DATA_DIR: dataDir,
      DEMO: 'false',
      ...databaseEnv(),
    });
    running = child;
    await until('the listening line', async () => (output().includes('listening on') ? true : undefined), output);
    expect(output()).toContain(`listening on http://0.0.0.0:${port}`);
    expect(output()).toContain(`http://localhost:${port}`);
    const health = await fetch(`http://localhost:${port}/health`);
    expect(health.status).toBe(200);
  });

  it('answers /health and serves a loading page at once while the first boot loads the demo', async () => {
    const port = await freePort();
    const { child, output } = start({
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DEMO: 'true',
      DEMO_UNTIL_MONTH: '2021-02',
      ...databaseEnv(),
    });
    running = child;
    const base = `http://127.0.0.1:${port}`;
    const health = await until(
      '/health while loading',
      async () => {
        const response = await fetch(`${base}/health`);
        const body = (await response.json()) as { state?: string };
        return body.state === 'loading demo' ? { status: response.status, body } : undefined;
      },
      output,
    );
    expect(health.status).toBe(200);
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ reason: 'loading demo' });
    const page = await fetch(`${base}/`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('正在加载演示数据 / Loading demo data');
    const api = await fetch(`${base}/api/targets`);
    expect(api.status).toBe(503);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
  });
});
