import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * What some suites need that a machine may lack, each as the reason their tests are skipped
 * here, or undefined when it is present. One place, so the reasons read the same everywhere.
 */
export const NO_SERVER = process.env.PG_URL
  ? undefined
  : 'PG_URL not set, no PostgreSQL server to test against';

export const NO_PSQL =
  spawnSync('psql', ['--version']).status === 0 ? undefined : 'psql not found on PATH';

/**
 * The Pagila schema fixture lives beside the repository (../shared from the project root), not
 * in it: a user's clone has no such folder, and the suite that needs it is skipped there.
 */
export const PAGILA_DIR = fileURLToPath(
  new URL('../../../shared/fixtures/pagila', import.meta.url),
);
export const NO_PAGILA = existsSync(join(PAGILA_DIR, 'pagila-schema.sql'))
  ? undefined
  : `no Pagila fixture at ${PAGILA_DIR}`;

/** Every missing thing with what it skips, for one summary line per missing thing. */
export const MISSING: readonly (readonly [string, string])[] = [
  ...(NO_SERVER
    ? [
        [
          NO_SERVER,
          'every test on the PostgreSQL server (the engine loops run on PGlite only)',
        ] as const,
      ]
    : []),
  ...(NO_PSQL ? [[NO_PSQL, 'the tests of the compiled psql script'] as const] : []),
  ...(NO_PAGILA ? [[NO_PAGILA, 'the Pagila suite'] as const] : []),
];
