import { isScalar } from 'yaml';
import type { Located, Span } from '../../diagnostics/span.js';
import { isEmpty } from './reader.js';
import type { Entry, YamlNode, YamlReader } from './reader.js';
import { fractionToPercent, percentText } from './value-ref.js';

/** The spellings of a sample: a percentage (10%, 10) or a fraction of 1 (0.1). */
const SAMPLE_KEYS: Readonly<Record<string, 'percent' | 'fraction'>> = {
  sample: 'percent',
  percent: 'percent',
  pct: 'percent',
  rate: 'fraction',
  fraction: 'fraction',
};

export interface Minimize {
  sample?: Located<number>;
  where?: Located<string>;
  limit?: Located<number>;
}

/**
 * A sample as a percentage, 0 < p <= 100. `10%` is always a percentage; a bare number is one
 * for sample/percent/pct and a fraction of 1 for rate/fraction.
 */
export function readPercent(
  r: YamlReader,
  node: YamlNode,
  key: string,
  at: Span,
): Located<number> | undefined {
  const n = r.deref(node);
  const kind = SAMPLE_KEYS[key] ?? 'percent';
  const raw = isScalar(n) ? n.value : undefined;
  let percent: number | undefined;
  if (typeof raw === 'string') percent = percentText(raw);
  else if (typeof raw === 'number') percent = kind === 'percent' ? raw : fractionToPercent(raw);
  if (percent === undefined || !n) {
    const like = kind === 'percent' ? 'a percentage like 10% or 10' : 'a fraction like 0.1';
    r.wrongShape(n, `${key} must be ${like}`, at);
    return undefined;
  }
  const span = r.span(n);
  if (kind === 'fraction' && typeof raw === 'number' && !(raw > 0 && raw <= 1)) {
    r.error('MASQ004', `${key} must be a fraction more than 0 and at most 1, got ${raw}`, span);
    return undefined;
  }
  if (percent <= 0 || percent > 100) {
    r.error('MASQ004', `${key} must be more than 0% and at most 100%, got ${percent}%`, span);
    return undefined;
  }
  return { value: percent, span };
}

/** One collection of a minimize step: a sample in any spelling, `where`, `limit`. */
export function readMinimize(r: YamlReader, collection: Entry): Minimize {
  const table = collection.key.value;
  const out: Minimize = {};
  let given = false;
  const setSample = (e: Entry) => {
    given = true;
    if (out.sample) r.error('MASQ005', `the sample of ${table} is given twice`, e.key.span);
    const p = readPercent(r, e.value, e.key.value, e.span);
    if (p && !out.sample) out.sample = p;
  };
  const sampleHandlers = Object.fromEntries(Object.keys(SAMPLE_KEYS).map((k) => [k, setSample]));
  if (isEmpty(collection.value)) {
    r.error('MASQ004', `minimize needs a sample, where or limit for ${table}`, collection.key.span);
    return out;
  }
  const settings = r.entries(collection.value, `minimize settings of ${table}`, collection.span);
  const handlers: Record<string, (e: Entry) => void> = {
    ...sampleHandlers,
    where: (e) => {
      given = true;
      out.where = r.string(e.value, 'where', e.span);
    },
    limit: (e) => {
      given = true;
      out.limit = r.integer(e.value, 'limit', e.span, 0);
    },
    strategy: (e) => {
      const s = r.string(e.value, 'strategy', e.span);
      if (s && s.value !== 'sample') {
        r.error('MASQ004', `a minimize step's strategy must be sample, got "${s.value}"`, s.span);
      }
    },
    params: (e) =>
      r.dispatch(r.entries(e.value, `params of ${table}`, e.span), sampleHandlers, 'in params'),
  };
  r.dispatch(settings, handlers, `for minimize of ${table}`);
  // An unknown key was already reported with a suggestion; saying "needs a sample" too is noise.
  if (!given && settings.every((e) => Object.hasOwn(handlers, e.key.value))) {
    r.error('MASQ004', `minimize needs a sample, where or limit for ${table}`, collection.key.span);
  }
  return out;
}
