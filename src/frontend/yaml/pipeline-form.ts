import type { Endpoint, Spec } from '../../ast/spec.js';
import type { Span } from '../../diagnostics/span.js';
import { fuse } from './fusion.js';
import { readSteps } from './pipeline-steps.js';
import type { Step } from './pipeline-steps.js';
import type { Entry, YamlReader } from './reader.js';
import { sharedSettings } from './settings.js';
import type { SpecDraft } from './settings.js';

/**
 * The legacy pipeline form: ordered copy / sanitize_obfuscate / minimize steps between
 * databases, fused into one pass per table. Unlisted columns are copied unchanged, as the
 * legacy tool did, so the spec gets `default keep` at the `pipelines` key.
 */
export function readPipelineForm(r: YamlReader, top: readonly Entry[]): Spec {
  const spec: SpecDraft = { file: r.file, format: 'yaml-pipeline', tables: [] };
  let steps: Step[] = [];
  r.dispatch(
    top,
    {
      ...sharedSettings(r, spec),
      pipelines: (e) => {
        spec.defaultKeep = e.key.span;
        steps = readSteps(r, e);
      },
    },
    'at the top level of a pipeline file',
  );
  // Array.prototype.sort is stable: steps with the same order keep their file order.
  steps.sort((a, b) => a.order - b.order);
  spec.steps = steps.map(({ name, type, order, span }) => ({ name, type, order, span }));
  const fused = fuse(r, steps);
  spec.tables = fused.tables;
  const first = steps.find((s) => s.sourceDb && s.destDb);
  const from = fused.source ?? first?.sourceDb;
  const to = fused.target ?? first?.destDb;
  if (steps[0] && from && to) {
    spec.source = endpoint('SOURCE_URL', steps[0].span);
    // One database on both sides: one connection, masked from its public schema into masked.
    spec.target = endpoint(from.value === to.value ? 'SOURCE_URL' : 'TARGET_URL', steps[0].span);
  }
  return spec;
}

/**
 * A database becomes a connection, read from SOURCE_URL / TARGET_URL unless the environment
 * config or flags say otherwise; schemas keep their defaults (public → masked).
 */
function endpoint(env: string, span: Span): Endpoint {
  return { engine: { value: 'postgres', span }, url: { kind: 'env', name: env, span }, span };
}
