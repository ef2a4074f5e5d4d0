-- masq plan "input" (7169624871d12914), compiled from test/cases/secrets/input.masq
-- 1 table(s): public → masked, 50000 rows a batch, hash mode portable.
--
-- Run it against the database that holds both schemas:
--   psql "$TARGET_URL" -f out/input.pg.sql
-- psql reads the secrets itself, from /run/secrets/masq_salt, $PARTNER_SALT: they are on no command line
-- (where `ps` shows them), in no output of this script, and not in this file.
--
-- Safe to re-run: every batch commits with its checkpoint in masq.progress,
-- so a run that stopped continues where it was, and a finished table is skipped.

\set ON_ERROR_STOP on
\if :{?masq_salt}
\else
  \set masq_salt_file '/run/secrets/masq_salt'
  \set masq_salt `cat :'masq_salt_file'`
\endif
\if :{?masq_salt}
\else
  DO $masq$ BEGIN RAISE EXCEPTION '%', 'masq_salt is not set: psql could not read /run/secrets/masq_salt; or run psql with -v masq_salt=... (which shows it in ps)'; END $masq$;
\endif
\if :{?masq_salt_1}
\else
  \getenv masq_salt_1 PARTNER_SALT
\endif
\if :{?masq_salt_1}
\else
  DO $masq$ BEGIN RAISE EXCEPTION '%', 'masq_salt_1 is not set: export PARTNER_SALT, or run psql with -v masq_salt_1=... (which shows it in ps)'; END $masq$;
\endif
-- The session setup holds the secrets: nothing of it is printed, not even under psql -e.
\set masq_echo :ECHO
\set ECHO none
SELECT set_config('TimeZone', 'UTC', false), set_config('DateStyle', 'ISO, YMD', false), set_config('extra_float_digits', '1', false), set_config('masq.salt', :'masq_salt', false), set_config('masq.salt_1', :'masq_salt_1', false) \gset masq_setup_
\set ECHO :masq_echo
DO $masq$ BEGIN
  IF coalesce(current_setting('masq.salt', true), '') = '' THEN RAISE EXCEPTION '%', 'the secret masq_salt (from /run/secrets/masq_salt) is empty'; END IF;
  IF coalesce(current_setting('masq.salt_1', true), '') = '' THEN RAISE EXCEPTION '%', 'the secret masq_salt_1 (from PARTNER_SALT) is empty'; END IF;
END $masq$;

SELECT pg_try_advisory_lock(hashtextextended('masq:masked', 0)) AS locked \gset masq_
\if :masq_locked
\else
  DO $$ BEGIN RAISE EXCEPTION 'another masq run is writing into the target schema: wait for it to end, or stop it'; END $$;
\endif
SELECT to_regclass('"masked"."_masq_progress_log"') IS NOT NULL OR to_regclass('"masked"."_masq_progress"') IS NOT NULL AS found \gset masq_old_
\if :masq_old_found
  DO $masq$ BEGIN RAISE EXCEPTION '%', 'schema masked holds the progress of an earlier masq version ("masked"."_masq_progress_log" or "masked"."_masq_progress"), which this one does not read: masq now keeps its progress in schema masq. To start over, drop it and the tables it describes (DROP TABLE IF EXISTS "masked"."_masq_progress_log" CASCADE; DROP TABLE IF EXISTS "masked"."_masq_progress"; DROP TABLE IF EXISTS "masked"."partners";) and run again'; END $masq$;
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
CREATE SCHEMA IF NOT EXISTS "masked";
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

-- ─── partners: public.partners → masked.partners
CREATE TABLE IF NOT EXISTS "masked"."partners" (
  "id" integer NOT NULL,
  "partner_ref" text NOT NULL,
  "tax_id" character varying(64),
  "contact" text
);

DO $masq1$
DECLARE
  p record;
  mark text := (SELECT encode(sha256(x.o || sha256(x.i || convert_to('masq progress secrets v1', 'UTF8'))), 'hex')
   FROM (SELECT decode(string_agg(lpad(to_hex(get_byte(k.k, i) # 54), 2, '0'), '' ORDER BY i), 'hex') AS i, decode(string_agg(lpad(to_hex(get_byte(k.k, i) # 92), 2, '0'), '' ORDER BY i), 'hex') AS o
         FROM (SELECT r.r || decode(repeat('00', 64 - octet_length(r.r)), 'hex') AS k
               FROM (SELECT CASE WHEN octet_length(a.raw) > 64 THEN sha256(a.raw) ELSE a.raw END AS r
                     FROM (SELECT int4send(octet_length(convert_to((SELECT current_setting('masq.salt')), 'UTF8'))) || convert_to((SELECT current_setting('masq.salt')), 'UTF8') || int4send(octet_length(convert_to((SELECT current_setting('masq.salt_1')), 'UTF8'))) || convert_to((SELECT current_setting('masq.salt_1')), 'UTF8') AS raw) AS a) AS r) AS k,
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
       '"masked"."partners"'::regclass::oid::text AS current_oid,
       p.last_key, p.rows::text AS rows, p.done, p.finished,
       EXISTS (SELECT 1 FROM "masked"."partners") AS target_has_rows,
       p.part, p.end_key, count(p.part) OVER ()::text AS parts
FROM (SELECT 1) AS one
LEFT JOIN "masq"."progress" AS p
  ON p.target_schema = 'masked' AND p.table_name = $1
ORDER BY p.part
  $q$ INTO p USING 'partners';
  -- Progress belongs to the target table it was written into: a re-created table starts over
  -- (the deletion commits with the first batch).
  IF p.plan_hash IS NOT NULL AND p.target_oid IS DISTINCT FROM p.current_oid THEN
    IF p.target_has_rows THEN
      RAISE EXCEPTION '%', 'target table "masked"."partners" already holds rows masq did not write: masq will not mix them; empty it (TRUNCATE "masked"."partners";) or drop it (DROP TABLE "masked"."partners";) and run again';
    END IF;
    RAISE NOTICE '%: %', 'partners', 'the target table was dropped or re-created since its progress was saved: filling it again';
    EXECUTE $q$
DELETE FROM "masq"."progress_log" WHERE target_schema = 'masked' AND table_name = $1
    $q$ USING 'partners';
    EXECUTE $q$
SELECT p.plan_hash, p.secrets_mark, p.target_oid::text AS target_oid,
       '"masked"."partners"'::regclass::oid::text AS current_oid,
       p.last_key, p.rows::text AS rows, p.done, p.finished,
       EXISTS (SELECT 1 FROM "masked"."partners") AS target_has_rows,
       p.part, p.end_key, count(p.part) OVER ()::text AS parts
FROM (SELECT 1) AS one
LEFT JOIN "masq"."progress" AS p
  ON p.target_schema = 'masked' AND p.table_name = $1
ORDER BY p.part
    $q$ INTO p USING 'partners';
  END IF;
  IF p.plan_hash IS NULL AND p.target_has_rows THEN
    RAISE EXCEPTION '%', 'target table "masked"."partners" already holds rows masq did not write: masq will not mix them; empty it (TRUNCATE "masked"."partners";) or drop it (DROP TABLE "masked"."partners";) and run again';
  END IF;
  IF p.plan_hash <> '7169624871d12914' THEN
    RAISE EXCEPTION '%', 'target table "masked"."partners" was filled by another plan (' || p.plan_hash || ', this is 7169624871d12914): to fill it with this plan, drop the tables this plan writes (DROP TABLE "masked"."partners";) and run again; or run that plan';
  END IF;
  IF p.plan_hash IS NOT NULL AND p.secrets_mark IS DISTINCT FROM mark THEN
    RAISE EXCEPTION '%', 'target table "masked"."partners" was filled under other secrets (the salt, or a hash_salt rule''s salt, is not the one it was started with): continuing would mix two salts in one table. Run again with the secrets it was started with, or, to start over with these, drop the tables this plan writes (DROP TABLE "masked"."partners";) and run again';
  END IF;
  IF p.finished THEN
    RAISE NOTICE '%: already complete (% rows)', 'partners', p.rows;
    RETURN;
  END IF;
  IF p.parts::int > 1 THEN
    RAISE EXCEPTION 'target table % was being filled by `masq run --jobs` in % parts: finish it with masq run', 'partners', p.parts;
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
FROM "public"."partners" AS s
WHERE ($1::text[] IS NULL OR s."id" > ($1::text[])[1]::integer)
  AND ($3::text[] IS NULL OR s."id" <= ($3::text[])[1]::integer)
ORDER BY s."id"
LIMIT 1 OFFSET $2
        $q$ INTO hi USING lo, take - 1, NULL::text[];
      END IF;
      EXECUTE $q$
INSERT INTO "masked"."partners" ("id", "partner_ref", "tax_id", "contact")
SELECT
  -- test/cases/secrets/input.masq:5 id: keep
  s."id" AS "id",
  -- test/cases/secrets/input.masq:6 partner_ref: hash_salt(salt: env(PARTNER_SALT))
  CASE WHEN s."partner_ref" IS NULL THEN NULL ELSE encode(sha256(convert_to((SELECT current_setting('masq.salt_1')) || s."partner_ref"::text, 'UTF8')), 'hex') END AS "partner_ref",
  -- test/cases/secrets/input.masq:7 tax_id: hash_salt
  CASE WHEN s."tax_id" IS NULL THEN NULL ELSE encode(sha256(convert_to((SELECT current_setting('masq.salt')) || s."tax_id"::text, 'UTF8')), 'hex') END AS "tax_id",
  -- test/cases/secrets/input.masq:8 contact: hash_salt(salt: env(PARTNER_SALT))
  CASE WHEN s."contact" IS NULL THEN NULL ELSE encode(sha256(convert_to((SELECT current_setting('masq.salt_1')) || s."contact"::text, 'UTF8')), 'hex') END AS "contact"
FROM "public"."partners" AS s
WHERE ($1::text[] IS NULL OR s."id" > ($1::text[])[1]::integer)
  AND ($2::text[] IS NULL OR s."id" <= ($2::text[])[1]::integer)
      $q$ USING lo, hi;
      GET DIAGNOSTICS n = ROW_COUNT;
    END IF;
    is_done := hi IS NULL;
    EXECUTE $q$
INSERT INTO "masq"."progress_log" ("table_name", "part", "plan_hash", "secrets_mark", "last_key", "rows", "done", "end_key", target_schema, target_oid)
VALUES ($1::text, $2::int, $3::text, $4::text, $5::text[], $6::bigint, $7::boolean, $8::text[], 'masked', '"masked"."partners"'::regclass::oid)
    $q$ USING 'partners', 0, '7169624871d12914', mark, coalesce(hi, lo), n, is_done, NULL::text[];
    COMMIT;
    copied := copied + n;
    RAISE NOTICE '%: % rows', 'partners', copied;
    lo := hi;
  END LOOP;
  EXECUTE $q$
DO $masq$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_constraint WHERE conrelid = '"masked"."partners"'::regclass AND conname = 'partners_pkey') THEN
    ALTER TABLE "masked"."partners" ADD CONSTRAINT "partners_pkey" PRIMARY KEY (id);
  END IF;
END $masq$;
ANALYZE "masked"."partners";
INSERT INTO "masq"."progress_log" (target_schema, table_name, part, plan_hash, secrets_mark, target_oid, last_key, done, end_key, finished)
SELECT target_schema, table_name, part, plan_hash, secrets_mark, target_oid, last_key, done, end_key, true
FROM "masq"."progress"
WHERE target_schema = 'masked' AND table_name = 'partners';
  $q$;
END
$masq1$;
