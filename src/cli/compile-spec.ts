import type { Overrides } from '../analyze/index.js';
import { analyze, DEFAULT_SOURCE_SCHEMA } from '../analyze/index.js';
import type { Spec } from '../ast/spec.js';
import { introspect } from '../catalog/introspect.js';
import type { RoutineCatalog } from '../catalog/routines.js';
import { lookupRoutines } from '../catalog/routines.js';
import type { SchemaSnapshot } from '../catalog/snapshot.js';
import { loadSnapshotFile } from '../catalog/snapshot-file.js';
import { predicateNames } from '../analyze/where.js';
import type { Connection } from '../db/connection.js';
import { openConnection, redactUrl } from '../db/open.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { error, hasErrors, warning } from '../diagnostics/diagnostic.js';
import { EXIT, MasqError } from '../exec/errors.js';
import type { Plan } from '../ir/plan.js';
import type { Connections } from './connections.js';
import { loadSpec, specName } from './load-spec.js';

export interface CompileOptions {
  readonly schemaFile?: string;
  readonly overrides: Overrides;
  readonly connections: Connections;
  readonly env: NodeJS.ProcessEnv;
  /** An already open source connection (the demo's embedded database). */
  readonly source?: Connection;
  /** Compile without a schema when none can be had (masq check), instead of failing. */
  readonly schemaOptional?: boolean;
}

export interface Compiled {
  readonly plan?: Plan;
  readonly diagnostics: readonly Diagnostic[];
  readonly sources: Map<string, string>;
  readonly schemaFrom?: string;
}

/** Spec file → plan: parse, get the source schema (file, open connection or URL), analyze. */
export async function compileSpec(file: string, options: CompileOptions): Promise<Compiled> {
  const loaded = loadSpec(file);
  if (!loaded.spec || hasErrors(loaded.diagnostics))
    return { diagnostics: loaded.diagnostics, sources: loaded.sources };
  const spec = loaded.spec;
  const found = await findSchema(spec, options);
  if (found.diagnostics?.length) {
    const sources = new Map([...loaded.sources, [options.schemaFile!, found.text ?? '']]);
    return { diagnostics: [...loaded.diagnostics, ...found.diagnostics], sources };
  }
  if (!found.schema && !options.schemaOptional) {
    const missing = error(
      'MASQ050',
      `the source schema is needed to compile: set ${found.wanted}, pass --source URL, or pass --schema FILE (from \`masq schema\`)`,
    );
    return { diagnostics: [...loaded.diagnostics, missing], sources: loaded.sources };
  }
  const result = analyze(spec, found.schema, specName(file), options.overrides, {
    ...(found.routines ? { routines: found.routines } : {}),
    sources: loaded.sources,
  });
  // Said as a warning, so that `masq check --strict` cannot pass having checked nothing.
  const unchecked = found.schema
    ? []
    : [
        warning(
          'MASQ050',
          `no source schema to check against: tables and columns were not checked; set ${found.wanted}, pass --source URL, or pass --schema FILE (from \`masq schema\`)`,
        ),
      ];
  return {
    ...(result.plan ? { plan: result.plan } : {}),
    diagnostics: [...loaded.diagnostics, ...result.diagnostics, ...unchecked],
    sources: loaded.sources,
    ...(found.from ? { schemaFrom: found.from } : {}),
  };
}

async function findSchema(
  spec: Spec,
  options: CompileOptions,
): Promise<{
  schema?: SchemaSnapshot;
  routines?: RoutineCatalog;
  from?: string;
  wanted: string;
  diagnostics?: readonly Diagnostic[];
  text?: string;
}> {
  const schemaName = spec.source?.schema?.value ?? DEFAULT_SOURCE_SCHEMA;
  if (options.schemaFile) {
    const { snapshot, diagnostics, text } = await loadSnapshotFile(options.schemaFile);
    if (!snapshot) return { wanted: '', diagnostics, text };
    return { schema: snapshot, from: options.schemaFile, wanted: '' };
  }
  if (options.source)
    return {
      schema: await introspect(options.source, schemaName),
      routines: await whereRoutines(options.source, spec),
      from: 'the source database',
      wanted: '',
    };
  const ref = spec.source?.url;
  const envName = ref?.kind === 'env' ? ref.name : 'SOURCE_URL';
  const url =
    options.connections.sourceUrl ?? (ref?.kind === 'literal' ? ref.value : options.env[envName]);
  if (!url) return { wanted: envName };
  let conn: Connection;
  try {
    conn = await openConnection(url);
  } catch (e) {
    if (e instanceof MasqError) throw e;
    throw new MasqError(
      `cannot connect to the source ${redactUrl(url)} to read its schema: ${(e as Error).message}`,
      EXIT.runtime,
    );
  }
  try {
    return {
      schema: await introspect(conn, schemaName),
      routines: await whereRoutines(conn, spec),
      from: redactUrl(url),
      wanted: envName,
    };
  } finally {
    await conn.close();
  }
}

/** The source catalog's entries for the functions and operators the where predicates use. */
function whereRoutines(conn: Connection, spec: Spec): Promise<RoutineCatalog> {
  const functions = new Set<string>();
  const operators = new Set<string>();
  for (const table of spec.tables) {
    if (!table.where) continue;
    const names = predicateNames(table.where.value);
    for (const f of names.functions) functions.add(f);
    for (const o of names.operators) operators.add(o);
  }
  return lookupRoutines(conn, { functions: [...functions], operators: [...operators] });
}
