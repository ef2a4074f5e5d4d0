import type { Spec } from '../../ast/spec.js';
import type { Entry, YamlReader } from './reader.js';
import { skipSettings } from './skip.js';
import { toValueRef } from './value-ref.js';

/** A Spec being built; front-ends fill it in as they read. */
export type SpecDraft = { -readonly [K in keyof Spec]: Spec[K] };

/** The settings both YAML forms share: `salt`, `batch`, `hash`, `bookkeeping`, `skip tables`,
 *  `skip other tables`. */
export function sharedSettings(r: YamlReader, spec: SpecDraft): Record<string, (e: Entry) => void> {
  return {
    salt: (e) => {
      const text = r.string(e.value, 'salt', e.span);
      if (text)
        spec.salt = toValueRef(text.value, text.span, (m) => r.error('MASQ004', m, text.span));
    },
    batch: (e) => (spec.batch = r.integer(e.value, 'batch', e.span, 1)),
    hash: (e) => (spec.hash = r.string(e.value, 'hash', e.span)),
    // `bookkeeping: { schema: NAME }`, as the DSL's `bookkeeping schema NAME`.
    bookkeeping: (e) =>
      r.dispatch(
        r.entries(e.value, 'bookkeeping', e.span),
        {
          schema: (f) => (spec.bookkeepingSchema = r.string(f.value, 'bookkeeping schema', f.span)),
        },
        'in bookkeeping',
      ),
    ...skipSettings(r, spec),
  };
}
