#!/usr/bin/env node
// Compiles the server (src/ → dist/) file by file when a source is newer than its output, so `npm start`
// runs plain Node: no compiler in the server's memory and no compiling at boot. Each file is transpiled
// alone (tsconfig's isolatedModules), exactly as `ts-node --transpile-only` did; type checking stays
// with `npm run typecheck`. Up to date → a few hundred stat calls.
const { existsSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } = require('node:fs');
const { dirname, join, relative } = require('node:path');
const ts = require('typescript');

const root = join(__dirname, '..');
const src = join(root, 'src');
const out = join(root, 'dist');

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts')
      ? [path]
      : [];
  });
}

function outputs(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return outputs(path);
    return entry.name.endsWith('.js') ? [path] : [];
  });
}

const { config } = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
const { options } = ts.convertCompilerOptionsFromJson(
  { ...config.compilerOptions, sourceMap: false, inlineSourceMap: false },
  root,
);

const files = sources(src);
const wanted = new Set(files.map((file) => join(out, relative(src, file)).replace(/\.ts$/, '.js')));
let compiled = 0;
for (const file of files) {
  const target = join(out, relative(src, file)).replace(/\.ts$/, '.js');
  if (existsSync(target) && statSync(target).mtimeMs >= statSync(file).mtimeMs) continue;
  const { outputText, diagnostics } = ts.transpileModule(readFileSync(file, 'utf8'), {
    compilerOptions: options,
    fileName: file,
    reportDiagnostics: true,
  });
  if (diagnostics?.length) {
    console.error(
      ts.formatDiagnostics(diagnostics, {
        getCanonicalFileName: (f) => f,
        getCurrentDirectory: () => root,
        getNewLine: () => '\n',
      }),
    );
    process.exit(1);
  }
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, outputText);
  compiled++;
}
// A source that is gone leaves no module behind.
for (const file of outputs(out)) if (!wanted.has(file)) unlinkSync(file);
if (compiled) console.log(`编译服务端 / compiled the server: ${compiled} of ${files.length} files → dist/`);
