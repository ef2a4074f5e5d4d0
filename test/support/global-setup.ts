import { ensureBuilt } from './build.js';

/**
 * Runs once before any test file: the CLI tests run bin/masq.js → dist/, so dist/ is rebuilt
 * first whenever a source changed since the last build (a clean clone's `npm ci` built it).
 */
export default function setup(): void {
  ensureBuilt();
}
