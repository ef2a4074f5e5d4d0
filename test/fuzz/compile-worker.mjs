// Compiles one spec text per message, as `masq compile` does (front-end, analysis, then the plan
// and script when there is no error, then the printed diagnostics), in a worker thread, so the
// fuzz suite can stop a case that hangs. It loads dist/, which the test setup rebuilds from the
// current source (test/support/global-setup.ts): worker threads cannot load TypeScript.
import { parentPort } from 'node:worker_threads';
import { analyze } from '../../dist/src/analyze/index.js';
import { hasErrors } from '../../dist/src/diagnostics/diagnostic.js';
import { formatDiagnostics } from '../../dist/src/diagnostics/format.js';
import { buildProgram } from '../../dist/src/emit/postgres/program.js';
import { renderScript } from '../../dist/src/emit/postgres/script.js';
import { parseMasq } from '../../dist/src/frontend/masq/index.js';
import { parseYamlSpec } from '../../dist/src/frontend/yaml/index.js';
import { serializePlan } from '../../dist/src/ir/serialize.js';

function compile({ file, text, schema }) {
  const parsed = file.endsWith('.masq') ? parseMasq(text, file) : parseYamlSpec(text, file);
  const diagnostics = [...parsed.diagnostics];
  if (parsed.spec && !hasErrors(parsed.diagnostics)) {
    const result = analyze(parsed.spec, schema, 'fuzz');
    diagnostics.push(...result.diagnostics);
    if (result.plan && !hasErrors(result.diagnostics)) {
      serializePlan(result.plan);
      renderScript(buildProgram(result.plan), 'out/fuzz.pg.sql');
    }
  }
  formatDiagnostics(diagnostics, new Map([[file, text]]));
  return diagnostics;
}

parentPort.on('message', (c) => {
  try {
    parentPort.postMessage({ id: c.id, diagnostics: compile(c) });
  } catch (e) {
    parentPort.postMessage({ id: c.id, crash: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
