import { faker } from '@faker-js/faker';
import { describe, expect, it } from 'vitest';
import { buildDictionaries } from '../../src/strategies/dictionaries.js';
import { FIELD_TYPES, UNIQUE_SUFFIX } from '../../src/strategies/field-types.js';

const ALL = buildDictionaries(FIELD_TYPES);

describe('buildDictionaries', () => {
  it('returns the same lists on a second call, even after faker was used elsewhere', () => {
    faker.seed(1);
    faker.person.fullName();
    faker.internet.email();
    expect(buildDictionaries(FIELD_TYPES)).toEqual(ALL);
  });

  it('gives a type the same list whichever other types are requested', () => {
    expect(buildDictionaries(['email'])).toEqual({ email: ALL.email });
    expect(buildDictionaries(['sentence', 'city']).city).toEqual(ALL.city);
  });

  it.each(FIELD_TYPES)('%s: distinct values, 1000 unless faker has fewer, no NUL', (type) => {
    const values = ALL[type]!;
    expect(new Set(values).size).toBe(values.length);
    // faker knows only ~250 countries; every other type reaches the target.
    expect(values.length).toBe(type === 'country' ? 249 : 1000);
    expect(values.some((v) => v.includes('\0'))).toBe(false);
  });

  // Pinned so a faker upgrade that changes the lists (and so every masked value) is noticed.
  it('starts with the same values in every process', () => {
    expect(ALL.full_name!.slice(0, 3)).toEqual([
      'Sibyl Schmitt',
      'Maureen Murazik',
      'Douglas Jacobi',
    ]);
    expect(ALL.email!.slice(0, 2)).toEqual(['Irma33@example.com', 'Cyrus.McLaughlin@example.com']);
    expect(ALL.date_of_birth!.slice(0, 2)).toEqual(['1993-12-13', '1982-03-07']);
  });

  it('uses only reserved example domains for emails', () => {
    for (const email of ALL.email!) {
      expect(email).toMatch(/^[^@\s]+@example\.(com|org|net)$/);
    }
  });

  it('writes birth dates as ISO days for ages 18 to 90 on 2026-01-01', () => {
    for (const date of ALL.date_of_birth!) {
      expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(date >= '1935-01-01' && date <= '2008-01-01').toBe(true);
    }
  });

  it('declares a suffix rule for every field type', () => {
    expect(Object.keys(UNIQUE_SUFFIX).sort()).toEqual([...FIELD_TYPES].sort());
    expect(UNIQUE_SUFFIX.email).toBe('local-part');
  });
});
