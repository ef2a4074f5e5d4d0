import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root: the CLI tests run bin/masq.js, which loads dist/ built from here. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The folders tsconfig.build.json compiles into dist/ (their layout kept, as rootDir is "."). */
const BUILT_DIRS = ['src', 'bench'];

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/**
 * Source files whose build in dist/ is missing or older than they are: what a CLI test would
 * not see. Compared by modification time, which every edit, checkout and tsc run updates.
 */
export function staleBuildFiles(root = ROOT): string[] {
  return BUILT_DIRS.filter((d) => existsSync(join(root, d)))
    .flatMap((d) => tsFiles(join(root, d)))
    .filter((file) => {
      const built = join(root, 'dist', relative(root, file).replace(/\.ts$/, '.js'));
      return !existsSync(built) || statSync(built).mtimeMs < statSync(file).mtimeMs;
    })
    .map((file) => relative(root, file));
}

/** Rebuilds dist/ with the project's own build when any source is newer than its build. */
export function ensureBuilt(root = ROOT): void {
  const stale = staleBuildFiles(root);
  if (stale.length === 0) return;
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (r.status !== 0)
    throw new Error(
      `the build for the CLI tests failed (tsc -p tsconfig.build.json):\n${r.stdout}${r.stderr}`,
    );
}
