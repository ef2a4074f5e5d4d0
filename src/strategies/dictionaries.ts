import { Faker, en } from '@faker-js/faker';
import type { FieldType } from './field-types.js';

const SEED = 20261124;
const TARGET_SIZE = 1000;
/** Draws in a row without a new value after which a type counts as exhausted (country: ~250). */
const MAX_MISSES = 5000;
/** Ages are measured from a fixed day so the dictionary does not change as time passes. */
const REFERENCE_DATE = new Date('2026-01-01T00:00:00Z');
/** Reserved by RFC 2606, so a masked address can never reach a real mailbox. */
const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net'] as const;

const GENERATORS: Readonly<Record<FieldType, (f: Faker) => string>> = {
  first_name: (f) => f.person.firstName(),
  last_name: (f) => f.person.lastName(),
  full_name: (f) => f.person.fullName(),
  username: (f) => f.internet.username(),
  email: (f) => f.internet.email({ provider: f.helpers.arrayElement(EMAIL_DOMAINS) }),
  phone: (f) => f.phone.number({ style: 'national' }),
  street_address: (f) => f.location.streetAddress(),
  city: (f) => f.location.city(),
  postcode: (f) => f.location.zipCode(),
  country: (f) => f.location.country(),
  company: (f) => f.company.name(),
  job_title: (f) => f.person.jobTitle(),
  ipv4: (f) => f.internet.ipv4(),
  ipv6: (f) => f.internet.ipv6(),
  uuid: (f) => f.string.uuid(),
  iban: (f) => f.finance.iban(),
  credit_card: (f) => f.finance.creditCardNumber(),
  date_of_birth: (f) =>
    f.date
      .birthdate({ mode: 'age', min: 18, max: 90, refDate: REFERENCE_DATE })
      .toISOString()
      .slice(0, 10),
  url: (f) => f.internet.url(),
  word: (f) => f.word.sample(),
  sentence: (f) => f.lorem.sentence(),
};

/**
 * Distinct values per requested type, identical on every call and in every process: a
 * private Faker is seeded afresh for each type from the type's name, so a list depends
 * neither on other faker users nor on which other types were requested.
 */
export function buildDictionaries(types: readonly FieldType[]): Record<string, string[]> {
  const faker = new Faker({ locale: [en] });
  const result: Record<string, string[]> = {};
  for (const type of types) {
    faker.seed([SEED, ...Buffer.from(type)]);
    const values = new Set<string>();
    let misses = 0;
    while (values.size < TARGET_SIZE && misses < MAX_MISSES) {
      const value = GENERATORS[type](faker);
      // NUL cannot be stored in a PostgreSQL text value.
      if (values.has(value) || value.includes('\0')) {
        misses++;
      } else {
        values.add(value);
        misses = 0;
      }
    }
    result[type] = [...values];
  }
  return result;
}

const built = new Map<FieldType, readonly string[]>();

/** One type's dictionary, as buildDictionaries makes it (memoised: checks ask for it often). */
export function dictionaryOf(type: FieldType): readonly string[] {
  let values = built.get(type);
  if (values === undefined) {
    values = buildDictionaries([type])[type]!;
    built.set(type, values);
  }
  return values;
}
