import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { minVersion, satisfies } from 'semver';

const ROOT = join(__dirname, '../..');

/**
 * Issue 14, "Deployment": `npm install` warned EBADENGINE (content-disposition@3 needs Node ≥ 22) while
 * the README says Node ≥ 20.19. Every package the lock file installs must support the oldest Node the
 * project's `engines` (and so the README) names.
 */
describe('the Node version the project names', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
  const oldest = minVersion(pkg.engines.node)!.version;

  it('is the one the README names', () => {
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(`Node.js ≥ ${oldest.replace(/\.0$/, '')}`);
  });

  it('is supported by every installed package (no EBADENGINE on npm install)', () => {
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string; engines?: { node?: string } | string[]; optional?: boolean }>;
    };
    const unsupported = Object.entries(lock.packages)
      .filter(([path, p]) => path !== '' && p.engines && !Array.isArray(p.engines) && p.engines.node)
      .filter(([, p]) => !satisfies(oldest, (p.engines as { node: string }).node, { includePrerelease: true }))
      .map(
        ([path, p]) =>
          `${path.replace(/^.*node_modules\//, '')}@${p.version} needs node ${(p.engines as { node: string }).node}`,
      );
    expect(unsupported).toEqual([]);
  });
});
