import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** A free loopback port (closed again, for a server that binds it next). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The real server, as `npm start` runs it, in a child process a test can kill -9 and start again
 * (shared by the kill -9 tests of reports and of notification deliveries).
 */
export class ChildServer {
  private child?: ChildProcess;
  private output = '';

  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(attempt = 0): Promise<void> {
    this.output = '';
    this.child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
      env: this.childEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    // Generous: ts-node compiles the whole server at boot, slow on a loaded machine (a bound, not a measurement).
    const deadline = Date.now() + 300_000;
    for (;;) {
      if (this.child.exitCode !== null) {
        // After a kill -9 the embedded database's lock file stays until it goes stale (15 s): an operator waits and starts again.
        if (/已被另一个进程打开|open in another process/.test(this.output) && attempt < 30) {
          await new Promise((resolve) => setTimeout(resolve, 2000));
          return this.start(attempt + 1);
        }
        throw new Error(`server exited ${this.child.exitCode}:\n${this.output.slice(-3000)}`);
      }
      const live = await fetch(`${this.url}/health/live`).then(
        (r) => r.ok,
        () => false,
      );
      if (live) return;
      if (Date.now() > deadline) throw new Error(`server did not start:\n${this.output.slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** The server process's id (its own children, e.g. the first boot's demo load, have it as parent). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** What the process wrote (its logs), for assertions on what must never be logged. */
  get log(): string {
    return this.output;
  }

  /** This process's environment with the server's settings; an empty setting is removed (DATABASE_URL for the embedded database). */
  private childEnv(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env, ...this.env, PORT: String(this.port), HOST: '127.0.0.1' };
    for (const [name, value] of Object.entries(env)) if (value === '') delete env[name];
    return env;
  }

  async kill9(): Promise<void> {
    const child = this.child!;
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child!.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}

/** One JSON request to the server; the answer's status and parsed body. */
export async function call(
  server: ChildServer,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}
