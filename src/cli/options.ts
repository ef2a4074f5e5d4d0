import { InvalidArgumentError, Option } from 'commander';
import type { Overrides } from '../analyze/index.js';
import type { Connections } from './connections.js';
import { DEFAULT_ENV_FILE, loadEnvironment } from './environments.js';

/** Options every command that reaches a database shares. */
export interface CommonOptions {
  source?: string;
  target?: string;
  env?: string;
  envFile: string;
  batchSize?: number;
}

export const envOption = () =>
  new Option('--env <name>', 'use an environment (dev, staging, test…) from the environment file');
export const envFileOption = () =>
  new Option('--env-file <file>', 'where environments are defined').default(DEFAULT_ENV_FILE);
export const sourceOption = () =>
  new Option('--source <url>', 'source database: postgres://…, pglite://DIR or pglite:memory');

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError(`expected a positive whole number, got "${value}"`);
  return n;
}

/** Flags over the environment file: the file gives defaults, the command line has the last word. */
export function resolveOptions(opts: CommonOptions): {
  overrides: Overrides;
  connections: Connections;
} {
  const fromEnv = opts.env ? loadEnvironment(opts.env, opts.envFile, process.env) : {};
  const pick = <T>(flag: T | undefined, file: T | undefined) => flag ?? file;
  const sourceUrl = pick(opts.source, fromEnv.sourceUrl);
  const targetUrl = pick(opts.target, fromEnv.targetUrl);
  const batchSize = pick(opts.batchSize, fromEnv.batchSize);
  return {
    overrides: {
      ...(batchSize !== undefined ? { batchSize } : {}),
      ...(fromEnv.sample !== undefined ? { sample: fromEnv.sample } : {}),
    },
    connections: { ...(sourceUrl ? { sourceUrl } : {}), ...(targetUrl ? { targetUrl } : {}) },
  };
}

export function schemaOption(): Option {
  return new Option(
    '--schema <file>',
    'a schema snapshot from `masq schema`, instead of reading the source',
  );
}

export function strictOption(): Option {
  return new Option(
    '--strict',
    'fail (exit 1) on warnings too: a table the spec does not list, or no schema to check against',
  );
}
