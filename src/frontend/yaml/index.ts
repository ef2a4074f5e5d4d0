import { isMap } from 'yaml';
import type { YAMLError } from 'yaml';
import { error, warning } from '../../diagnostics/diagnostic.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { FrontendResult } from '../result.js';
import { readOwnForm } from './own-form.js';
import { readPipelineForm } from './pipeline-form.js';
import { YamlReader, isEmpty, parseYaml } from './reader.js';
import { checkScalars } from './scalar-checks.js';

/**
 * Reads a masking spec written in YAML: masq's own form, or the legacy pipeline form when the
 * file has a top-level `pipelines:`. Never throws; every problem is a diagnostic. After a YAML
 * syntax error the structure is unreliable, so only syntax errors are reported then.
 */
export function parseYamlSpec(text: string, file: string): FrontendResult {
  const doc = parseYaml(text);
  const r = new YamlReader(file, text, doc);
  const warnings = doc.warnings.map((w) => syntaxProblem(r, w, warning));
  if (doc.errors.length > 0) {
    return { diagnostics: [...doc.errors.map((e) => syntaxProblem(r, e, error)), ...warnings] };
  }
  checkScalars(r, doc);
  const whole = r.spanOf(0, text.length);
  if (!isEmpty(doc.contents) && !isMap(doc.contents)) {
    r.wrongShape(doc.contents, 'a masq spec must be a mapping of settings', whole);
    return { diagnostics: [...warnings, ...r.diagnostics] };
  }
  const top = isEmpty(doc.contents) ? [] : r.entries(doc.contents, 'the file', whole);
  const pipeline = top.some((e) => e.key.value === 'pipelines');
  const spec = pipeline ? readPipelineForm(r, top) : readOwnForm(r, top);
  return { spec, diagnostics: inFileOrder([...warnings, ...r.diagnostics]) };
}

function syntaxProblem(r: YamlReader, e: YAMLError, make: typeof error): Diagnostic {
  const [start, end] = e.pos;
  const what = e.name === 'YAMLWarning' ? 'YAML warning' : 'YAML syntax error';
  return make('MASQ003', `${what}: ${e.message}`, r.tokenSpan(start, Math.max(start, end)));
}

/** Problems found by later checks (fusion) are sorted in among the others by position. */
function inFileOrder(diagnostics: Diagnostic[]): Diagnostic[] {
  const at = (d: Diagnostic) => d.span?.offset ?? Infinity;
  return diagnostics.sort((a, b) => at(a) - at(b));
}
