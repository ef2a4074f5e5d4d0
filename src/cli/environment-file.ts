import { error } from '../diagnostics/diagnostic.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Located } from '../diagnostics/span.js';
import { YamlReader, isEmpty, parseYaml } from '../frontend/yaml/reader.js';
import type { Entry } from '../frontend/yaml/reader.js';
import { readPercent } from '../frontend/yaml/sample.js';
import { checkScalars } from '../frontend/yaml/scalar-checks.js';

/** One environment as written, every value with its place in the file. */
export interface EnvironmentEntry {
  readonly name: Located<string>;
  readonly source?: Located<string>;
  readonly target?: Located<string>;
  readonly sample?: Located<number>;
  readonly batch?: Located<number>;
}

export interface EnvironmentFile {
  readonly environments: readonly EnvironmentEntry[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Reads an environment file the way specs are read: every setting a known key (with a
 * suggestion when it is not), of the right type and range, each problem positioned. A
 * `batch: -3` used to copy no rows and call the table finished.
 */
export function readEnvironmentFile(text: string, file: string): EnvironmentFile {
  const doc = parseYaml(text);
  const r = new YamlReader(file, text, doc);
  if (doc.errors.length > 0) {
    const syntax = doc.errors.map((e) =>
      error('MASQ003', `YAML syntax error: ${e.message}`, r.spanOf(e.pos[0], e.pos[1])),
    );
    return { environments: [], diagnostics: syntax };
  }
  checkScalars(r, doc);
  const whole = r.spanOf(0, text.length);
  const environments: EnvironmentEntry[] = [];
  const top = isEmpty(doc.contents) ? [] : r.entries(doc.contents, 'an environment file', whole);
  r.dispatch(
    top,
    { environments: (e) => environments.push(...readEnvironments(r, e)) },
    'in an environment file',
  );
  return { environments, diagnostics: r.diagnostics };
}

function readEnvironments(r: YamlReader, entry: Entry): EnvironmentEntry[] {
  const repeat = {
    code: 'MASQ005',
    message: (n: string) => `environment "${n}" is given twice`,
  } as const;
  return r.entries(entry.value, 'environments', entry.span, repeat).map((e) => {
    const env: { -readonly [K in keyof EnvironmentEntry]: EnvironmentEntry[K] } = { name: e.key };
    r.dispatch(
      isEmpty(e.value) ? [] : r.entries(e.value, `environment ${e.key.value}`, e.span),
      {
        source: (f) => (env.source = r.string(f.value, 'source', f.span)),
        target: (f) => (env.target = r.string(f.value, 'target', f.span)),
        sample: (f) => (env.sample = readPercent(r, f.value, 'sample', f.span)),
        batch: (f) => (env.batch = r.integer(f.value, 'batch', f.span, 1)),
      },
      `in environment ${e.key.value}`,
    );
    return env;
  });
}
