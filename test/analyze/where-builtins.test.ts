import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUILTIN_FUNCTIONS,
  BUILTIN_OPERATORS,
  BUILTIN_TYPES,
} from '../../src/analyze/where-builtins.js';
import type { Connection } from '../../src/db/connection.js';
import { ENGINES } from '../support/engines.js';

/**
 * The offline lists promise that every built-in they name is immutable or stable in every
 * overload: the catalogs of PGlite (PostgreSQL 18) and of the server (15) must agree.
 */
for (const engine of ENGINES) {
  describe(`the where built-ins, against the ${engine.name} catalog`, () => {
    let conn: Connection;
    beforeAll(async () => {
      conn = await engine.open();
    });
    afterAll(async () => {
      await conn?.close();
    });

    it('every listed function exists in pg_catalog, and none is volatile or an aggregate', async () => {
      const r = await conn.query<{ name: string; bad: string[] }>(
        `SELECT p.proname AS name,
                array_agg(p.oid::regprocedure::text) FILTER (WHERE p.provolatile = 'v' OR p.prokind <> 'f') AS bad
         FROM pg_catalog.pg_proc p
         WHERE p.pronamespace = 'pg_catalog'::regnamespace AND p.proname = ANY($1::text[])
         GROUP BY p.proname`,
        [[...BUILTIN_FUNCTIONS]],
      );
      expect(r.rows.map((x) => x.name).sort()).toEqual([...BUILTIN_FUNCTIONS].sort());
      expect(r.rows.filter((x) => x.bad !== null)).toEqual([]);
    });

    it('every listed operator exists, implemented by immutable or stable functions only', async () => {
      const r = await conn.query<{ name: string; bad: string[] }>(
        `SELECT o.oprname AS name,
                array_agg(o.oprcode::regprocedure::text) FILTER (WHERE p.provolatile = 'v') AS bad
         FROM pg_catalog.pg_operator o JOIN pg_catalog.pg_proc p ON p.oid = o.oprcode
         WHERE o.oprnamespace = 'pg_catalog'::regnamespace AND o.oprname = ANY($1::text[])
         GROUP BY o.oprname`,
        [[...BUILTIN_OPERATORS]],
      );
      expect(r.rows.map((x) => x.name).sort()).toEqual([...BUILTIN_OPERATORS].sort());
      expect(r.rows.filter((x) => x.bad !== null)).toEqual([]);
    });

    it('every listed type is a pg_catalog type', async () => {
      const r = await conn.query<{ name: string }>(
        `SELECT typname AS name FROM pg_catalog.pg_type
         WHERE typnamespace = 'pg_catalog'::regnamespace AND typname = ANY($1::text[])`,
        [[...BUILTIN_TYPES]],
      );
      expect(r.rows.map((x) => x.name).sort()).toEqual([...BUILTIN_TYPES].sort());
    });
  });
}
