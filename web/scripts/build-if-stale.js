#!/usr/bin/env node
// Builds the workbench (web/dist) when it is missing or older than its sources: `npm start` runs this first,
// so a fresh clone shows the workbench and a start after a change serves the change. Up to date → instant.
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { dirname, join } = require('node:path');

const web = join(__dirname, '..');
const built = join(web, 'dist', 'index.html');

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
}

const sources = [
  join(web, 'src'),
  join(web, 'index.html'),
  join(web, 'vite.config.mts'),
  join(web, '..', 'package-lock.json'),
];
const stale = !existsSync(built) || sources.some((s) => existsSync(s) && newest(s) > statSync(built).mtimeMs);
if (stale) {
  console.log('构建工作台 / building the workbench (web/dist)…');
  execFileSync(process.execPath, [viteBin(), 'build', '--config', join(web, 'vite.config.mts'), '--logLevel', 'warn'], {
    stdio: 'inherit',
    cwd: web,
  });
}

/** vite's command line; its package exports do not include bin/, so it is found beside its package.json. */
function viteBin() {
  return join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
}
