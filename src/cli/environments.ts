import { existsSync, readFileSync } from 'node:fs';
import type { Overrides } from '../analyze/index.js';
import type { Connections } from './connections.js';
import { MasqError } from '../exec/errors.js';
import { error, hasErrors } from '../diagnostics/diagnostic.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostics } from '../diagnostics/format.js';
import type { Located } from '../diagnostics/span.js';
import { didYouMean } from '../diagnostics/suggest.js';
import { readEnvironmentFile } from './environment-file.js';

export const DEFAULT_ENV_FILE = 'configs/environments.yaml';

/**
 * The overrides of one named environment (dev, staging, test…). Values may name environment
 * variables as ${NAME}, so the file holds no secret. The whole file is checked, not only the
 * environment asked for: a mistake in staging is found on the day dev is used.
 */
export function loadEnvironment(
  name: string,
  file: string,
  env: NodeJS.ProcessEnv,
): Overrides & Connections {
  if (!existsSync(file))
    throw new MasqError(`error MASQ043: --env ${name} needs ${file}, which does not exist`);
  const text = readFileSync(file, 'utf8');
  const read = readEnvironmentFile(text, file);
  const refuse = (diagnostics: readonly Diagnostic[]) =>
    new MasqError(formatDiagnostics(diagnostics, new Map([[file, text]])), 1, {
      bare: true,
      diagnostics,
    });
  if (hasErrors(read.diagnostics)) throw refuse(read.diagnostics);
  const names = read.environments.map((e) => e.name.value);
  const entry = read.environments.find((e) => e.name.value === name);
  if (!entry)
    throw new MasqError(
      `error MASQ043: ${file} has no environment "${name}"${didYouMean(name, names) || ` (it has: ${names.join(', ')})`}`,
    );
  const unset: Diagnostic[] = [];
  const expand = (v: Located<string>) =>
    v.value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, n: string) => {
      const value = env[n];
      if (value !== undefined) return value;
      unset.push(error('MASQ031', `environment "${name}" needs ${n}, which is not set`, v.span));
      return whole;
    });
  const sourceUrl = entry.source && expand(entry.source);
  const targetUrl = entry.target && expand(entry.target);
  if (unset.length > 0) throw refuse(unset);
  return {
    ...(sourceUrl ? { sourceUrl } : {}),
    ...(targetUrl ? { targetUrl } : {}),
    ...(entry.sample ? { sample: entry.sample.value } : {}),
    ...(entry.batch ? { batchSize: entry.batch.value } : {}),
  };
}
