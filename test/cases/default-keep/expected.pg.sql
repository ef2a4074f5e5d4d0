-- masq plan "input" (e8be274e60206cdd), compiled from test/cases/default-keep/input.masq
-- 1 table(s): sales → sales_masked, 50000 rows a batch, hash mode portable.
--
-- Run it against the database that holds both schemas:
--   psql "$TARGET_URL" -f out/input.pg.sql
-- psql reads the secrets itself, from $MASQ_SALT: they are on no command line
-- (where `ps` shows them), in no output of this script, and not in this file.
--
-- Safe to re-run: every batch commits with its checkpoint in masq.progress,
-- so a run that stopped continues where it was, and a finished table is skipped.

\set ON_ERROR_STOP on
\if :{?masq_salt}
\else
  \getenv masq_salt MASQ_SALT
\endif
\if :{?masq_salt}
\else
  DO $masq$ BEGIN RAISE EXCEPTION '%', 'masq_salt is not set: export MASQ_SALT, or run psql with -v masq_salt=... (which shows it in ps)'; END $masq$;
\endif
-- The session setup holds the secrets: nothing of it is printed, not even under psql -e.
\set masq_echo :ECHO
\set ECHO none
SELECT set_config('TimeZone', 'UTC', false), set_config('DateStyle', 'ISO, YMD', false), set_config('extra_float_digits', '1', false), set_config('masq.salt', :'masq_salt', false) \gset masq_setup_
\set ECHO :masq_echo
DO $masq$ BEGIN
  IF coalesce(current_setting('masq.salt', true), '') = '' THEN RAISE EXCEPTION '%', 'the secret masq_salt (from MASQ_SALT) is empty'; END IF;
END $masq$;

SELECT pg_try_advisory_lock(hashtextextended('masq:sales_masked', 0)) AS locked \gset masq_
\if :masq_locked
\else
  DO $$ BEGIN RAISE EXCEPTION 'another masq run is writing into the target schema: wait for it to end, or stop it'; END $$;
\endif
SELECT to_regclass('"sales_masked"."_masq_progress_log"') IS NOT NULL OR to_regclass('"sales_masked"."_masq_progress"') IS NOT NULL AS found \gset masq_old_
\if :masq_old_found
  DO $masq$ BEGIN RAISE EXCEPTION '%', 'schema sales_masked holds the progress of an earlier masq version ("sales_masked"."_masq_progress_log" or "sales_masked"."_masq_progress"), which this one does not read: masq now keeps its progress in schema masq. To start over, drop it and the tables it describes (DROP TABLE IF EXISTS "sales_masked"."_masq_progress_log" CASCADE; DROP TABLE IF EXISTS "sales_masked"."_masq_progress"; DROP TABLE IF EXISTS "sales_masked"."contacts";) and run again'; END $masq$;
\endif
BEGIN;
-- The target tables' defaults, checks and index parts are catalog text, printed with
-- standard_conforming_strings on: they must be read so. Set here, before any of them is sent,
-- since a server lexes every statement of one query string before it runs the first.
SET standard_conforming_strings = on;
-- Runs for other target schemas of this database share the bookkeeping schema: one at a time
-- creates it (two concurrent CREATE SCHEMA IF NOT EXISTS fail on a duplicate key). Held to
-- the end of the transaction this runs in.
DO $masq$ BEGIN PERFORM pg_advisory_xact_lock(hashtextextended('masq bookkeeping', 0)); END $masq$;
CREATE SCHEMA IF NOT EXISTS "sales_masked";
CREATE SCHEMA IF NOT EXISTS "masq";
-- One row per committed batch of a part of a table's key range (one part unless
-- `masq run --jobs N` split it), appended and never updated while copying: a batch that reads
-- the run's snapshot (REPEATABLE READ) cannot update a row committed after that snapshot.
-- target_schema, table_name: the target table, as several target schemas share this log;
-- target_oid: the target table the rows went into (a dropped and re-created table is filled
-- again); secrets_mark: a keyed fingerprint of the secrets (a resume under others is refused).
CREATE TABLE IF NOT EXISTS "masq"."progress_log" (
  seq           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  target_schema text NOT NULL,
  table_name    text NOT NULL,
  part          int NOT NULL,
  plan_hash     text NOT NULL,
  secrets_mark  text,
  target_oid    oid,
  end_key       text[],
  last_key      text[],
  rows          bigint NOT NULL DEFAULT 0,
  done          boolean NOT NULL DEFAULT false,
  finished      boolean NOT NULL DEFAULT false,
  updated_at    timestamptz NOT NULL DEFAULT clock_timestamp()
);
-- Where each part stands: its latest row, and the rows of all its batches.
CREATE OR REPLACE VIEW "masq"."progress" AS
SELECT DISTINCT ON (target_schema, table_name, part)
       target_schema, table_name, part, plan_hash, secrets_mark, target_oid, end_key, last_key,
       (sum(rows) OVER w)::bigint AS rows, done, bool_or(finished) OVER w AS finished, updated_at
FROM "masq"."progress_log"
WINDOW w AS (PARTITION BY target_schema, table_name, part)
ORDER BY target_schema, table_name, part, seq DESC;
COMMIT;

-- ─── contacts: sales.contacts → sales_masked.contacts
CREATE TABLE IF NOT EXISTS "sales_masked"."contacts" (
  "id" uuid DEFAULT gen_random_uuid() NOT NULL,
  "phone" character varying(20),
  "nickname" text,
  "notes" text,
  "status" sales.contact_status DEFAULT 'new'::sales.contact_status NOT NULL,
  "active" boolean DEFAULT true NOT NULL,
  "profile" jsonb
);

DO $masq1$
DECLARE
  p record;
  mark text := (SELECT encode(sha256(x.o || sha256(x.i || convert_to('masq progress secrets v1', 'UTF8'))), 'hex')
   FROM (SELECT decode(string_agg(lpad(to_hex(get_byte(k.k, i) # 54), 2, '0'), '' ORDER BY i), 'hex') AS i, decode(string_agg(lpad(to_hex(get_byte(k.k, i) # 92), 2, '0'), '' ORDER BY i), 'hex') AS o
         FROM (SELECT r.r || decode(repeat('00', 64 - octet_length(r.r)), 'hex') AS k
               FROM (SELECT CASE WHEN octet_length(a.raw) > 64 THEN sha256(a.raw) ELSE a.raw END AS r
                     FROM (SELECT int4send(octet_length(convert_to((SELECT current_setting('masq.salt')), 'UTF8'))) || convert_to((SELECT current_setting('masq.salt')), 'UTF8') AS raw) AS a) AS r) AS k,
              generate_series(0, 63) AS i) AS x);
  lo text[];
  hi text[];
  copied bigint;
  is_done boolean;
  take bigint;
  n bigint;
BEGIN
  EXECUTE $q$
SELECT p.plan_hash, p.secrets_mark, p.target_oid::text AS target_oid,
       '"sales_masked"."contacts"'::regclass::oid::text AS current_oid,
       p.last_key, p.rows::text AS rows, p.done, p.finished,
       EXISTS (SELECT 1 FROM "sales_masked"."contacts") AS target_has_rows,
       p.part, p.end_key, count(p.part) OVER ()::text AS parts
FROM (SELECT 1) AS one
LEFT JOIN "masq"."progress" AS p
  ON p.target_schema = 'sales_masked' AND p.table_name = $1
ORDER BY p.part
  $q$ INTO p USING 'contacts';
  -- Progress belongs to the target table it was written into: a re-created table starts over
  -- (the deletion commits with the first batch).
  IF p.plan_hash IS NOT NULL AND p.target_oid IS DISTINCT FROM p.current_oid THEN
    IF p.target_has_rows THEN
      RAISE EXCEPTION '%', 'target table "sales_masked"."contacts" already holds rows masq did not write: masq will not mix them; empty it (TRUNCATE "sales_masked"."contacts";) or drop it (DROP TABLE "sales_masked"."contacts";) and run again';
    END IF;
    RAISE NOTICE '%: %', 'contacts', 'the target table was dropped or re-created since its progress was saved: filling it again';
    EXECUTE $q$
DELETE FROM "masq"."progress_log" WHERE target_schema = 'sales_masked' AND table_name = $1
    $q$ USING 'contacts';
    EXECUTE $q$
SELECT p.plan_hash, p.secrets_mark, p.target_oid::text AS target_oid,
       '"sales_masked"."contacts"'::regclass::oid::text AS current_oid,
       p.last_key, p.rows::text AS rows, p.done, p.finished,
       EXISTS (SELECT 1 FROM "sales_masked"."contacts") AS target_has_rows,
       p.part, p.end_key, count(p.part) OVER ()::text AS parts
FROM (SELECT 1) AS one
LEFT JOIN "masq"."progress" AS p
  ON p.target_schema = 'sales_masked' AND p.table_name = $1
ORDER BY p.part
    $q$ INTO p USING 'contacts';
  END IF;
  IF p.plan_hash IS NULL AND p.target_has_rows THEN
    RAISE EXCEPTION '%', 'target table "sales_masked"."contacts" already holds rows masq did not write: masq will not mix them; empty it (TRUNCATE "sales_masked"."contacts";) or drop it (DROP TABLE "sales_masked"."contacts";) and run again';
  END IF;
  IF p.plan_hash <> 'e8be274e60206cdd' THEN
    RAISE EXCEPTION '%', 'target table "sales_masked"."contacts" was filled by another plan (' || p.plan_hash || ', this is e8be274e60206cdd): to fill it with this plan, drop the tables this plan writes (DROP TABLE "sales_masked"."contacts";) and run again; or run that plan';
  END IF;
  IF p.plan_hash IS NOT NULL AND p.secrets_mark IS DISTINCT FROM mark THEN
    RAISE EXCEPTION '%', 'target table "sales_masked"."contacts" was filled under other secrets (the salt, or a hash_salt rule''s salt, is not the one it was started with): continuing would mix two salts in one table. Run again with the secrets it was started with, or, to start over with these, drop the tables this plan writes (DROP TABLE "sales_masked"."contacts";) and run again';
  END IF;
  IF p.finished THEN
    RAISE NOTICE '%: already complete (% rows)', 'contacts', p.rows;
    RETURN;
  END IF;
  IF p.parts::int > 1 THEN
    RAISE EXCEPTION 'target table % was being filled by `masq run --jobs` in % parts: finish it with masq run', 'contacts', p.parts;
  END IF;
  lo := p.last_key;
  copied := coalesce(p.rows::bigint, 0);
  is_done := coalesce(p.done, false);
  WHILE NOT is_done LOOP
    -- NULL: no bound, every remaining row in this batch.
    take := 50000;
    hi := NULL;
    n := 0;
    IF take IS NULL OR take > 0 THEN
      IF take IS NOT NULL THEN
        EXECUTE $q$
SELECT ARRAY[s."id"::text] AS k
FROM "sales"."contacts" AS s
WHERE ($1::text[] IS NULL OR s."id" > ($1::text[])[1]::uuid)
  AND ($3::text[] IS NULL OR s."id" <= ($3::text[])[1]::uuid)
ORDER BY s."id"
LIMIT 1 OFFSET $2
        $q$ INTO hi USING lo, take - 1, NULL::text[];
      END IF;
      EXECUTE $q$
INSERT INTO "sales_masked"."contacts" ("id", "phone", "nickname", "notes", "status", "active", "profile")
SELECT
  s."id" AS "id",
  -- test/cases/default-keep/input.masq:7 phone: redact(keep_first: 3, keep_last: 2)
  CASE WHEN s."phone" IS NULL THEN NULL ELSE CASE WHEN char_length(s."phone") > 5 THEN left(s."phone", 3) || repeat('*', char_length(s."phone") - 5) || right(s."phone", 2) ELSE repeat('*', char_length(s."phone")) END END AS "phone",
  -- test/cases/default-keep/input.masq:8 nickname: constant("anonymous")
  'anonymous'::text AS "nickname",
  -- test/cases/default-keep/input.masq:9 notes: nullify
  NULL::text AS "notes",
  s."status" AS "status",
  s."active" AS "active",
  s."profile" AS "profile"
FROM "sales"."contacts" AS s
WHERE ($1::text[] IS NULL OR s."id" > ($1::text[])[1]::uuid)
  AND ($2::text[] IS NULL OR s."id" <= ($2::text[])[1]::uuid)
      $q$ USING lo, hi;
      GET DIAGNOSTICS n = ROW_COUNT;
    END IF;
    is_done := hi IS NULL;
    EXECUTE $q$
INSERT INTO "masq"."progress_log" ("table_name", "part", "plan_hash", "secrets_mark", "last_key", "rows", "done", "end_key", target_schema, target_oid)
VALUES ($1::text, $2::int, $3::text, $4::text, $5::text[], $6::bigint, $7::boolean, $8::text[], 'sales_masked', '"sales_masked"."contacts"'::regclass::oid)
    $q$ USING 'contacts', 0, 'e8be274e60206cdd', mark, coalesce(hi, lo), n, is_done, NULL::text[];
    COMMIT;
    copied := copied + n;
    RAISE NOTICE '%: % rows', 'contacts', copied;
    lo := hi;
  END LOOP;
  EXECUTE $q$
DO $masq$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_constraint WHERE conrelid = '"sales_masked"."contacts"'::regclass AND conname = 'contacts_pkey') THEN
    ALTER TABLE "sales_masked"."contacts" ADD CONSTRAINT "contacts_pkey" PRIMARY KEY (id);
  END IF;
END $masq$;
ANALYZE "sales_masked"."contacts";
INSERT INTO "masq"."progress_log" (target_schema, table_name, part, plan_hash, secrets_mark, target_oid, last_key, done, end_key, finished)
SELECT target_schema, table_name, part, plan_hash, secrets_mark, target_oid, last_key, done, end_key, true
FROM "masq"."progress"
WHERE target_schema = 'sales_masked' AND table_name = 'contacts';
  $q$;
END
$masq1$;
