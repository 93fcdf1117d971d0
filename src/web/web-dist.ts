import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../shared/project-root';

/** The built workbench (`npm run web:build` → web/dist); index.html is the app for every client-side route. */
export const WEB_DIST = join(projectRoot(), 'web', 'dist');

/** Hashed bundles (Vite names them `<name>-<hash>.js`): safe to cache for a year. */
export const WEB_ASSETS = join(WEB_DIST, 'assets');

export function webDistBuilt(dir = WEB_DIST): boolean {
  return existsSync(join(dir, 'index.html')) && statSync(join(dir, 'index.html')).isFile();
}
