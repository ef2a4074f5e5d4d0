import type { Endpoint, Spec, ValueRef } from '../ast/spec.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { error } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/suggest.js';
import type { EndpointPlan, HashMode, SecretRef, UrlRef } from '../ir/plan.js';
import { bookkeepingSchema } from './bookkeeping.js';
import { hasPassword } from '../secrets/redact-url.js';

/** What the command line or the environment file puts over the spec. Connection URLs are not
 * among them: they are run-time choices, and a plan must not record a URL's password. */
export interface Overrides {
  readonly batchSize?: number;
  /** Replaces every table's sample percentage (environment files: dev 1 %, staging 10 %). */
  readonly sample?: number;
}

export interface Settings {
  readonly source: EndpointPlan;
  readonly target: EndpointPlan;
  readonly bookkeepingSchema: string;
  readonly salt: SecretRef;
  readonly hashMode: HashMode;
  readonly batchSize: number;
}

/**
 * Rows per batch transaction. Each batch re-plans a statement that carries the dictionaries,
 * so fewer, larger batches cost less: 50,000 took 7.9 s where 5,000 took 9.2 s for 1M rows
 * (bench/results.md); a stopped run repeats at most one batch.
 */
export const DEFAULT_BATCH = 50000;
export const DEFAULT_SOURCE_SCHEMA = 'public';
export const DEFAULT_TARGET_SCHEMA = 'masked';

const HASH_MODES = ['portable', 'fast'];

export function resolveSettings(
  spec: Spec,
  overrides: Overrides,
  diagnostics: Diagnostic[],
): Settings {
  const source = endpoint(spec.source, 'source', 'SOURCE_URL', DEFAULT_SOURCE_SCHEMA, diagnostics);
  const target = endpoint(spec.target, 'target', 'TARGET_URL', DEFAULT_TARGET_SCHEMA, diagnostics);
  if (sameUrl(source.url, target.url) && source.schema === target.schema)
    diagnostics.push(
      error(
        'MASQ052',
        `source and target are the same schema "${source.schema}" of the same database: masq never writes into its source (in-place masking is a separate, explicit mode)`,
        spec.target?.span ?? spec.source?.span,
      ),
    );
  const hash = spec.hash?.value ?? 'portable';
  if (hash !== 'portable' && hash !== 'fast')
    diagnostics.push(
      error(
        'MASQ006',
        `unknown hash mode "${hash}"${didYouMean(hash, HASH_MODES)}: use portable or fast`,
        spec.hash?.span,
      ),
    );
  const batch = overrides.batchSize ?? spec.batch?.value ?? DEFAULT_BATCH;
  if (!Number.isInteger(batch) || batch < 1 || batch > 10_000_000)
    diagnostics.push(
      error(
        'MASQ016',
        `batch must be an integer between 1 and 10000000, got ${batch}`,
        spec.batch?.span,
      ),
    );
  return {
    source,
    target,
    bookkeepingSchema: bookkeepingSchema(spec, source, target, diagnostics),
    salt: saltRef(spec.salt, diagnostics),
    hashMode: hash === 'fast' ? 'fast' : 'portable',
    batchSize: batch,
  };
}

function endpoint(
  e: Endpoint | undefined,
  role: string,
  defaultEnv: string,
  defaultSchema: string,
  diagnostics: Diagnostic[],
): EndpointPlan {
  if (e && e.engine.value !== 'postgres')
    diagnostics.push(
      error(
        'MASQ033',
        `${role} engine "${e.engine.value}" is not supported yet${didYouMean(e.engine.value, ['postgres'])}: this masq compiles for postgres`,
        e.engine.span,
      ),
    );
  return {
    engine: 'postgres',
    url: urlRef(e?.url, defaultEnv, diagnostics),
    schema: e?.schema?.value ?? defaultSchema,
  };
}

function urlRef(ref: ValueRef | undefined, defaultEnv: string, diagnostics: Diagnostic[]): UrlRef {
  if (!ref) return { env: defaultEnv };
  if (ref.kind === 'env') return { env: ref.name };
  if (ref.kind === 'literal') {
    // The plan records a literal URL as written: a password in it would be stored in plan.json.
    if (hasPassword(ref.value))
      diagnostics.push(
        error(
          'MASQ030',
          'the password in this connection URL is a secret and must not be written in the spec: use env(NAME) for the whole URL, or PGPASSWORD / ~/.pgpass',
          ref.span,
        ),
      );
    return { literal: ref.value };
  }
  diagnostics.push(
    error('MASQ014', 'a connection URL comes from env(NAME) or is written in quotes', ref.span),
  );
  return { env: defaultEnv };
}

function saltRef(ref: ValueRef | undefined, diagnostics: Diagnostic[]): SecretRef {
  if (!ref) return { env: 'MASQ_SALT' };
  if (ref.kind === 'env') return { env: ref.name };
  if (ref.kind === 'file') return { file: ref.path };
  diagnostics.push(
    error(
      'MASQ030',
      'the salt is a secret and must not be written in the spec: use salt env(NAME) or salt file("path")',
      ref.span,
    ),
  );
  return { env: 'MASQ_SALT' };
}

function sameUrl(a: UrlRef, b: UrlRef): boolean {
  return 'env' in a ? 'env' in b && a.env === b.env : 'literal' in b && a.literal === b.literal;
}
