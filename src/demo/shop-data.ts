import { Faker, en } from '@faker-js/faker';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Connection } from '../db/connection.js';
import { packageRoot } from '../util/package-root.js';

export interface ShopSize {
  readonly customers: number;
  readonly orders: number;
}

/**
 * Creates the demo shop (public.customers, public.orders) and fills it with Faker data, seeded
 * so every run builds the same rows. Rows go in through COPY, a few MB per table.
 */
export async function createShop(conn: Connection, size: ShopSize): Promise<void> {
  await conn.exec(readFileSync(join(packageRoot(), 'src', 'demo', 'shop-schema.sql'), 'utf8'));
  const faker = new Faker({ locale: [en] });
  faker.seed(7);
  const customers: string[] = [];
  for (let id = 1; id <= size.customers; id++) {
    const first = faker.person.firstName();
    const last = faker.person.lastName();
    customers.push(
      row([
        id,
        faker.internet.username({ firstName: first, lastName: last }),
        id % 50 === 0 ? null : `${first}.${last}.${id}@shop.example`.toLowerCase(),
        `${first} ${last}`,
        faker.phone.number({ style: 'national' }),
        `${faker.string.numeric(3)}-${faker.string.numeric(2)}-${faker.string.numeric(4)}`,
        faker.number.float({ min: 18000, max: 250000, fractionDigits: 2 }).toFixed(2),
        faker.date
          .birthdate({ mode: 'age', min: 18, max: 85, refDate: '2026-01-01' })
          .toISOString()
          .slice(0, 10),
        faker.string.hexadecimal({ length: 16, casing: 'lower', prefix: '' }),
        id % 3 === 0 ? null : faker.lorem.sentence(),
        faker.location.country(),
        faker.date.between({ from: '2015-01-01', to: '2026-01-01' }).toISOString(),
      ]),
    );
  }
  const orders: string[] = [];
  for (let id = 1; id <= size.orders; id++)
    orders.push(
      row([
        id,
        faker.finance.creditCardNumber({ issuer: '################' }),
        faker.finance.amount({ min: 1, max: 2000 }),
      ]),
    );
  await load(conn, 'public.customers', customers);
  await load(conn, 'public.orders', orders);
  // Identity and serial sequences must continue after the ids written explicitly.
  // setval(…, n, n > 0): a sequence cannot be set to 0, and an empty table starts at 1.
  await conn.exec(`SELECT setval(pg_get_serial_sequence('public.customers', 'id'), ${Math.max(size.customers, 1)}, ${size.customers > 0});
                   SELECT setval(pg_get_serial_sequence('public.orders', 'id'), ${Math.max(size.orders, 1)}, ${size.orders > 0});
                   ANALYZE public.customers; ANALYZE public.orders;`);
}

async function load(conn: Connection, table: string, rows: string[]): Promise<void> {
  await conn.copyIn(`COPY ${table} FROM ${conn.copyEndpoint.from}`, Buffer.from(rows.join('')));
}

/** One line of COPY's text format: tab-separated, \N for NULL. */
function row(values: (string | number | null)[]): string {
  return (
    values
      .map((v) =>
        v === null
          ? '\\N'
          : String(v).replace(
              /[\\\t\n\r]/g,
              (c) => `\\${c === '\t' ? 't' : c === '\n' ? 'n' : c === '\r' ? 'r' : '\\'}`,
            ),
      )
      .join('\t') + '\n'
  );
}
