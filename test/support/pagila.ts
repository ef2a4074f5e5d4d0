import { Faker, en } from '@faker-js/faker';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Connection } from '../../src/db/connection.js';
import { PAGILA_DIR } from './needs.js';

export { NO_PAGILA, PAGILA_DIR } from './needs.js';

/**
 * The base tables of the loaded schema, parents only: the 55 payment partitions are reached
 * through `payment`, as masq reads them.
 */
export const PAGILA_TABLES = [
  'actor',
  'address',
  'category',
  'city',
  'country',
  'customer',
  'film',
  'film_actor',
  'film_category',
  'inventory',
  'language',
  'payment',
  'rental',
  'staff',
  'store',
] as const;

/**
 * The dump, made loadable on PostgreSQL 15 and PGlite (17): without pgvector (the extension and
 * everything about film_embedding, which needs it), with gen_random_uuid() for the PostgreSQL 18
 * uuidv7(), and with film.length_hours STORED, as VIRTUAL generated columns are 18 only too.
 * pg_dump starts every object's section with "--\n-- Name: ", so whole sections are dropped.
 */
export function pagilaSchemaSql(): string {
  const dump = readFileSync(join(PAGILA_DIR, 'pagila-schema.sql'), 'utf8');
  const sections = dump.split('--\n-- Name: ');
  const needsVector = (section: string) => /^(EXTENSION )?vector;|film_embedding/.test(section);
  const kept = [sections[0]!, ...sections.slice(1).filter((s) => !needsVector(s))];
  return kept
    .join('--\n-- Name: ')
    .replaceAll('uuidv7()', 'gen_random_uuid()')
    .replace(/\) VIRTUAL\n/, ') STORED\n');
}

/**
 * Loads the schema into `public` and fills it with a small Faker data set (about a thousand
 * rows, seeded, so every run builds the same rows). The session is reset afterwards: the dump
 * empties search_path, which would change how the catalog prints type names.
 */
export async function loadPagila(conn: Connection): Promise<void> {
  await conn.exec(pagilaSchemaSql());
  await conn.exec('RESET ALL');
  // The dump declares the non-ASCII domain but no column uses it; one column makes masq quote it.
  await conn.exec('ALTER TABLE public.customer ADD COLUMN loyalty_points public."bıgınt"');
  // Parents before children: every foreign key holds as rows go in (store → staff has none).
  for (const [table, rows] of pagilaRows()) await insertRows(conn, table, rows);
  // The sequences continue after the ids written explicitly (the dump owns them to no column).
  for (const table of PAGILA_TABLES.filter((t) => !t.startsWith('film_')))
    await conn.exec(
      `SELECT setval('public.${table}_${table}_id_seq', max(${table}_id)) FROM public.${table}`,
    );
  await conn.exec('ANALYZE');
}

type Row = Record<string, unknown>;

/** Rows go in as one JSON array per table; columns left out take their defaults (and film's trigger fills fulltext). */
async function insertRows(conn: Connection, table: string, rows: readonly Row[]): Promise<void> {
  const columns = Object.keys(rows[0]!)
    .map((c) => `"${c}"`)
    .join(', ');
  await conn.query(
    `INSERT INTO public.${table} (${columns})
     SELECT ${columns} FROM json_populate_recordset(NULL::public.${table}, $1::json)`,
    [JSON.stringify(rows)],
  );
}

const SIZE = {
  countries: 12,
  cities: 30,
  customers: 60,
  staff: 4,
  actors: 30,
  films: 40,
  inventory: 100,
  rentals: 200,
};
const LANGUAGES = ['English', 'Italian', 'Japanese', 'Mandarin', 'French', 'German'];
const CATEGORIES = ['Action', 'Animation', 'Children', 'Classics', 'Comedy', 'Drama', 'Horror'];
const RATINGS = ['G', 'PG', 'PG-13', 'R', 'NC-17'];
const FEATURES = ['Trailers', 'Commentaries', 'Deleted Scenes', 'Behind the Scenes'];
const UPDATED = '2026-02-15T09:00:00Z';
const DAY = 86_400_000;
// Partitions exist for 2022-01 to 2026-07; rentals spread over those months, payments follow.
const FIRST_RENTAL = Date.parse('2022-01-03T10:00:00Z');
const RENTAL_SPACING = (Date.parse('2026-07-20T00:00:00Z') - FIRST_RENTAL) / SIZE.rentals;

/** Every table's rows, in an order that satisfies the foreign keys. */
function pagilaRows(): [string, Row[]][] {
  const faker = new Faker({ locale: [en] });
  faker.seed(1995);
  const ids = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
  const pick = (n: number) => faker.number.int({ min: 1, max: n });
  const stamp = (ms: number) => new Date(ms).toISOString();

  const language = LANGUAGES.map((name, i) => ({ language_id: i + 1, name, last_update: UPDATED }));
  const country = faker.helpers
    .uniqueArray(() => faker.location.country(), SIZE.countries)
    .map((name, i) => ({ country_id: i + 1, country: name, last_update: UPDATED }));
  const city = ids(SIZE.cities).map((city_id) => ({
    city_id,
    city: faker.location.city(),
    country_id: pick(SIZE.countries),
    last_update: UPDATED,
  }));
  // Addresses 1–2 are the stores', then one per staff member, then one per customer.
  const address = ids(2 + SIZE.staff + SIZE.customers).map((address_id) => ({
    address_id,
    address: faker.location.streetAddress(),
    address2: faker.helpers.maybe(() => faker.location.secondaryAddress(), { probability: 0.3 }),
    district: faker.location.state(),
    city_id: pick(SIZE.cities),
    postal_code: faker.location.zipCode('#####'),
    phone: faker.phone.number({ style: 'international' }),
    last_update: UPDATED,
  }));
  const store = ids(2).map((store_id) => ({
    store_id,
    manager_staff_id: store_id,
    address_id: store_id,
    last_update: UPDATED,
  }));
  const staff = ids(SIZE.staff).map((staff_id) => {
    const first_name = faker.person.firstName();
    const last_name = faker.person.lastName();
    return {
      staff_id,
      first_name,
      last_name,
      address_id: 2 + staff_id,
      email: `${first_name}.${last_name}@sakilastaff.com`,
      store_id: ((staff_id - 1) % 2) + 1,
      active: true,
      username: faker.internet.username({ firstName: first_name, lastName: last_name }),
      password: faker.string.hexadecimal({ length: 40, casing: 'lower', prefix: '' }),
      last_update: UPDATED,
      picture: staff_id === 1 ? '\\x89504e470d0a1a0a' : null,
    };
  });
  const customer = ids(SIZE.customers).map((customer_id) => {
    const first_name = faker.person.firstName().toUpperCase();
    const last_name = faker.person.lastName().toUpperCase();
    return {
      customer_id,
      store_id: pick(2),
      first_name,
      last_name,
      // Distinct, as in Pagila (the id keeps two namesakes apart), and now and then missing.
      email:
        customer_id % 15 === 0
          ? null
          : `${first_name}.${last_name}.${customer_id}@sakilacustomer.org`,
      address_id: 2 + SIZE.staff + customer_id,
      activebool: customer_id % 10 !== 0,
      create_date: faker.date
        .between({ from: '2021-06-01', to: '2021-12-31' })
        .toISOString()
        .slice(0, 10),
      last_update: UPDATED,
      active: customer_id % 10 === 0 ? 0 : 1,
      uuid: faker.string.uuid(),
      loyalty_points: faker.number.bigInt({ min: 0n, max: 5_000_000_000n }).toString(),
    };
  });
  const actor = ids(SIZE.actors).map((actor_id) => ({
    actor_id,
    first_name: faker.person.firstName().toUpperCase(),
    last_name: faker.person.lastName().toUpperCase(),
    last_update: UPDATED,
  }));
  const category = CATEGORIES.map((name, i) => ({
    category_id: i + 1,
    name,
    last_update: UPDATED,
  }));
  const film = ids(SIZE.films).map((film_id) => ({
    film_id,
    title: faker.lorem.words({ min: 2, max: 3 }).toUpperCase(),
    description: faker.lorem.sentence(),
    release_year: faker.number.int({ min: 1990, max: 2025 }),
    language_id: 1,
    original_language_id: faker.helpers.maybe(() => pick(LANGUAGES.length), { probability: 0.2 }),
    rental_duration: faker.number.int({ min: 3, max: 7 }),
    rental_rate: faker.helpers.arrayElement(['0.99', '2.99', '4.99']),
    length: faker.number.int({ min: 46, max: 185 }),
    replacement_cost: faker.finance.amount({ min: 9, max: 29 }),
    rating: faker.helpers.arrayElement(RATINGS),
    last_update: UPDATED,
    special_features: faker.helpers.arrayElements(FEATURES, { min: 1, max: 3 }),
  }));
  const film_actor = film.flatMap(({ film_id }) =>
    faker.helpers
      .arrayElements(ids(SIZE.actors), { min: 2, max: 4 })
      .map((actor_id) => ({ actor_id, film_id, last_update: UPDATED })),
  );
  const film_category = film.map(({ film_id }) => ({
    film_id,
    category_id: pick(CATEGORIES.length),
    last_update: UPDATED,
  }));
  const inventory = ids(SIZE.inventory).map((inventory_id) => ({
    inventory_id,
    film_id: pick(SIZE.films),
    store_id: pick(2),
    last_update: UPDATED,
  }));
  const rental = ids(SIZE.rentals).map((rental_id) => {
    const rented = FIRST_RENTAL + rental_id * RENTAL_SPACING;
    return {
      rental_id,
      rental_date: stamp(rented),
      inventory_id: pick(SIZE.inventory),
      customer_id: pick(SIZE.customers),
      return_date: rental_id % 12 === 0 ? null : stamp(rented + pick(7) * DAY),
      staff_id: pick(SIZE.staff),
      last_update: UPDATED,
      uuid: faker.string.uuid(),
    };
  });
  // One payment per returned rental, a few hours after it: in the rental's month's partition or the next.
  const payment = rental
    .filter((r) => r.return_date !== null)
    .map((r, i) => ({
      payment_id: i + 1,
      customer_id: r.customer_id,
      staff_id: r.staff_id,
      rental_id: r.rental_id,
      amount: faker.finance.amount({ min: 0.99, max: 11.99 }),
      payment_date: stamp(
        Date.parse(r.rental_date) + faker.number.int({ min: 1, max: 48 }) * 3_600_000,
      ),
      uuid: faker.string.uuid(),
    }));

  return Object.entries({
    language,
    country,
    city,
    address,
    store,
    staff,
    customer,
    actor,
    category,
    film,
    film_actor,
    film_category,
    inventory,
    rental,
    payment,
  });
}
