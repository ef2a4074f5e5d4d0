import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Overrides } from '../analyze/index.js';
import type { Connections } from './connections.js';
import { MasqError } from '../exec/errors.js';
import { didYouMean } from '../diagnostics/suggest.js';

export const DEFAULT_ENV_FILE = 'configs/environments.yaml';

interface EnvironmentEntry {
  source?: string;
  target?: string;
  sample?: number | string;
  batch?: number;
}

/**
 * The overrides of one named environment (dev, staging, test…). Values may name environment
 * variables as ${NAME}, so the file holds no secret.
 */
export function loadEnvironment(
  name: string,
  file: string,
  env: NodeJS.ProcessEnv,
): Overrides & Connections {
  if (!existsSync(file))
    throw new MasqError(`error MASQ043: --env ${name} needs ${file}, which does not exist`);
  const data = parse(readFileSync(file, 'utf8')) as {
    environments?: Record<string, EnvironmentEntry>;
  } | null;
  const entries = data?.environments ?? {};
  const entry = entries[name];
  if (!entry)
    throw new MasqError(
      `error MASQ043: ${file} has no environment "${name}"${didYouMean(name, Object.keys(entries)) || ` (it has: ${Object.keys(entries).join(', ')})`}`,
    );
  const expand = (v: string) =>
    v.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, n: string) => {
      const value = env[n];
      if (value === undefined)
        throw new MasqError(
          `error MASQ031: environment "${name}" in ${file} needs ${n}, which is not set`,
        );
      return value;
    });
  const sample =
    entry.sample === undefined ? undefined : Number(String(entry.sample).replace(/%$/, ''));
  if (sample !== undefined && !(sample > 0 && sample <= 100))
    throw new MasqError(
      `error MASQ016: environment "${name}" in ${file}: sample must be more than 0 % and at most 100 %`,
    );
  return {
    ...(entry.source ? { sourceUrl: expand(entry.source) } : {}),
    ...(entry.target ? { targetUrl: expand(entry.target) } : {}),
    ...(sample !== undefined ? { sample } : {}),
    ...(entry.batch !== undefined ? { batchSize: Number(entry.batch) } : {}),
  };
}
