import { describe, expect, it } from 'vitest';
import { dictionaryOf } from '../../src/strategies/dictionaries.js';
import { FIELD_TYPES } from '../../src/strategies/field-types.js';
import {
  characters,
  dictionaryKey,
  fittedDictionary,
  MIN_FITTED_ENTRIES,
  minimumRoom,
} from '../../src/strategies/fitted-dictionary.js';

const longest = (values: readonly string[]) => Math.max(...values.map(characters));

describe('dictionaries fitted to a width', () => {
  it('names the plain dictionary when every entry fits, a fitted one otherwise', () => {
    expect(dictionaryKey('company', undefined)).toBe('company');
    expect(dictionaryKey('company', longest(dictionaryOf('company')))).toBe('company');
    expect(dictionaryKey('company', 27)).toBe('company:27');
  });

  it.each(FIELD_TYPES)(
    '%s: at every width from the minimum up, entries fit, slots keep their entry',
    (type) => {
      const all = dictionaryOf(type);
      for (let room = minimumRoom(type); room <= longest(all); room++) {
        const fitted = fittedDictionary(type, room)!;
        expect(fitted, `${type}:${room}`).toBeDefined();
        expect(fitted.length).toBe(all.length);
        expect(longest(fitted)).toBeLessThanOrEqual(room);
        // Every entry that fits stays where it was: a value masks the same in any column
        // wide enough for its pick.
        all.forEach((v, i) => {
          if (characters(v) <= room) expect(fitted[i]).toBe(v);
        });
        // Only entries of the type's own dictionary: a fitted value is as real as any other.
        const known = new Set(all);
        expect(fitted.every((v) => known.has(v))).toBe(true);
        expect(new Set(fitted).size).toBeGreaterThanOrEqual(MIN_FITTED_ENTRIES);
      }
      expect(fittedDictionary(type, minimumRoom(type) - 1)).toBeUndefined();
    },
  );

  it('spreads the replaced slots over the short entries, none more than its share', () => {
    const fitted = fittedDictionary('company', 15)!;
    const counts = new Map<string, number>();
    for (const v of fitted) counts.set(v, (counts.get(v) ?? 0) + 1);
    const short = counts.size;
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(1 + Math.ceil(fitted.length / short));
  });

  it('counts characters as varchar does, not UTF-16 units', () => {
    expect(characters('Zoë')).toBe(3);
    expect(characters('𝒜b')).toBe(2);
  });
});
