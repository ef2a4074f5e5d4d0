import { ensureBuilt } from './build.js';
import { MISSING } from './needs.js';

/**
 * Runs once before any test file: the CLI tests run bin/masq.js → dist/, so dist/ is rebuilt
 * first whenever a source changed since the last build (a clean clone's `npm ci` built it).
 */
export default function setup(): void {
  ensureBuilt();
  // Said once, up front: vitest's default reporter counts skipped tests but names none.
  for (const [missing, skips] of MISSING) console.info(`skipped: ${skips}: ${missing}`);
}
