import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = resolve(__dirname, '../..');

function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z'; // Z: exited, not yet reaped
  } catch {
    return false;
  }
}

async function until(what: string, timeoutMs: number, probe: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The first boot's demo load runs in a child process that holds the embedded database's lock
 * (proper-lockfile, as src/database/embedded/embedded-postgres.ts takes it). When the server is killed
 * (kill -9) meanwhile, the child must go with it and release the lock at once, instead of loading on
 * for minutes with nobody waiting and the next start refused.
 */
describe('the demo child exits with its parent', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'demo-child-test-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('after a kill -9 of the parent, releasing the data directory lock', async () => {
    // The child: takes the lock as the embedded database does, ties itself to its parent, then "loads" forever.
    const child = [
      `require('proper-lockfile').lockSync(${JSON.stringify(dir)}, { lockfilePath: ${JSON.stringify(join(dir, 'database.lock'))}, stale: 15000, update: 5000 });`,
      `require('./src/seeding/demo/exit-with-parent').exitWithParent();`,
      `console.log('locked');`,
      `setInterval(() => undefined, 1000);`,
    ].join('\n');
    // The parent: spawns it as demo-boot.ts does (an IPC channel beside the pipes) and relays its pid and lines.
    const parent = [
      `const { spawn } = require('node:child_process');`,
      `const c = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', ${JSON.stringify(child)}], { cwd: ${JSON.stringify(ROOT)}, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });`,
      `c.channel.unref();`,
      `console.log('child ' + c.pid);`,
      `c.stdout.pipe(process.stdout);`,
      `setInterval(() => undefined, 1000);`,
    ].join('\n');
    const server = spawn(process.execPath, ['-e', parent], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const lines: string[] = [];
    createInterface({ input: server.stdout! }).on('line', (line) => lines.push(line));
    try {
      await until('the child to take the lock', 120_000, () => lines.includes('locked'));
      const childPid = Number(lines.find((l) => l.startsWith('child '))!.slice('child '.length));
      expect(running(childPid)).toBe(true);
      expect(existsSync(join(dir, 'database.lock'))).toBe(true);

      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGKILL');
      await exited;
      await until('the child to exit with its parent', 15_000, () => !running(childPid));
      // Released as it exited (the exit handlers ran), not left to go stale after 15 s.
      expect(existsSync(join(dir, 'database.lock'))).toBe(false);
    } finally {
      if (server.exitCode === null) server.kill('SIGKILL');
    }
  });

  it('when the parent was gone before the child got to tie itself to it (a slow start)', async () => {
    // The child reaches exitWithParent only after its parent was killed (as a demo command still compiling would).
    const child = [
      `setTimeout(() => { require('./src/seeding/demo/exit-with-parent').exitWithParent(); console.error('tied'); }, 4000);`,
      `setInterval(() => undefined, 1000);`,
    ].join('\n');
    const parent = [
      `const { spawn } = require('node:child_process');`,
      `const c = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', ${JSON.stringify(child)}], { cwd: ${JSON.stringify(ROOT)}, stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });`,
      `c.channel.unref();`,
      `console.log('child ' + c.pid);`,
      `setInterval(() => undefined, 1000);`,
    ].join('\n');
    const server = spawn(process.execPath, ['-e', parent], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const lines: string[] = [];
    createInterface({ input: server.stdout! }).on('line', (line) => lines.push(line));
    try {
      await until('the child', 60_000, () => lines.some((l) => l.startsWith('child ')));
      const childPid = Number(lines.find((l) => l.startsWith('child '))!.slice('child '.length));
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGKILL');
      await exited;
      expect(running(childPid)).toBe(true); // still starting
      try {
        await until('the child to exit once it gets there', 120_000, () => !running(childPid));
      } finally {
        if (running(childPid)) process.kill(childPid, 'SIGKILL'); // leaves no orphan when it fails
      }
    } finally {
      if (server.exitCode === null) server.kill('SIGKILL');
    }
  });
});
