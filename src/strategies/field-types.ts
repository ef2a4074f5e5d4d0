/** Field types a substitution can draw from; each becomes one dictionary. */
export const FIELD_TYPES = [
  'first_name',
  'last_name',
  'full_name',
  'username',
  'email',
  'phone',
  'street_address',
  'city',
  'postcode',
  'country',
  'company',
  'job_title',
  'ipv4',
  'ipv6',
  'uuid',
  'iban',
  'credit_card',
  'date_of_birth',
  'url',
  'word',
  'sentence',
] as const;

export type FieldType = (typeof FIELD_TYPES)[number];

/**
 * Where a uniqueness suffix may go: an email takes it before the @ so the address stays
 * valid; null marks formats (numbers, codes, dates, fixed lists) that any suffix would break.
 */
export const UNIQUE_SUFFIX: Readonly<Record<FieldType, 'local-part' | 'append' | null>> = {
  first_name: 'append',
  last_name: 'append',
  full_name: 'append',
  username: 'append',
  email: 'local-part',
  phone: null,
  street_address: 'append',
  city: 'append',
  postcode: null,
  country: null,
  company: 'append',
  job_title: 'append',
  ipv4: null,
  ipv6: null,
  uuid: null,
  iban: null,
  credit_card: null,
  date_of_birth: null,
  url: 'append',
  word: 'append',
  sentence: 'append',
};
