-- masq plan "input" (9b39f2c15dc6ace8), compiled from test/cases/secrets/input.masq
-- 1 table(s): public → masked, 50000 rows a batch, hash mode portable.
--
-- Run it against the database that holds both schemas:
--   psql "$TARGET_URL" -v masq_salt="$(cat '/run/secrets/masq_salt')" -v masq_salt_1="$PARTNER_SALT" -f out/input.pg.sql
--
-- Safe to re-run: every batch commits with its checkpoint in masked._masq_progress,
-- so a run that stopped continues where it was, and a finished table is skipped.
-- The salt is read from psql variables and kept in session settings; it is not in this file.

\set ON_ERROR_STOP on
\if :{?masq_salt}
\else
  DO $masq$ BEGIN RAISE EXCEPTION '%', 'run psql with -v masq_salt=... (the secret from /run/secrets/masq_salt)'; END $masq$;
\endif
\if :{?masq_salt_1}
\else
  DO $masq$ BEGIN RAISE EXCEPTION '%', 'run psql with -v masq_salt_1=... (the secret from PARTNER_SALT)'; END $masq$;
\endif
SELECT set_config('TimeZone', 'UTC', false), set_config('DateStyle', 'ISO, YMD', false), set_config('extra_float_digits', '1', false), set_config('masq.salt', :'masq_salt', false), set_config('masq.salt_1', :'masq_salt_1', false);
DO $$ BEGIN
  IF coalesce(current_setting('masq.salt', true), '') = '' THEN RAISE EXCEPTION 'the salt (masq_salt) is empty'; END IF;
END $$;

SELECT pg_try_advisory_lock(hashtextextended('masq:masked', 0)) AS locked \gset masq_
\if :masq_locked
\else
  DO $$ BEGIN RAISE EXCEPTION 'another masq run is writing into the target schema: wait for it to end, or stop it'; END $$;
\endif
CREATE SCHEMA IF NOT EXISTS "masked";
-- One row per committed batch of a part of a table's key range (one part unless
-- `masq run --jobs N` split it), appended and never updated while copying: a batch that reads
-- the run's snapshot (REPEATABLE READ) cannot update a row committed after that snapshot.
CREATE TABLE IF NOT EXISTS "masked"."_masq_progress_log" (
  seq        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  table_name text NOT NULL,
  part       int NOT NULL,
  plan_hash  text NOT NULL,
  end_key    text[],
  last_key   text[],
  rows       bigint NOT NULL DEFAULT 0,
  done       boolean NOT NULL DEFAULT false,
  finished   boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
-- Where each part stands: its latest row, and the rows of all its batches.
CREATE OR REPLACE VIEW "masked"."_masq_progress" AS
SELECT DISTINCT ON (table_name, part)
       table_name, part, plan_hash, end_key, last_key,
       (sum(rows) OVER w)::bigint AS rows, done, bool_or(finished) OVER w AS finished, updated_at
FROM "masked"."_masq_progress_log"
WINDOW w AS (PARTITION BY table_name, part)
ORDER BY table_name, part, seq DESC;

-- ─── partners: public.partners → masked.partners
CREATE TABLE IF NOT EXISTS "masked"."partners" (
  "id" integer NOT NULL,
  "partner_ref" text NOT NULL,
  "tax_id" character varying(64),
  "contact" text
);

DO $masq1$
DECLARE
  done_hash text;
  lo text[];
  hi text[];
  copied bigint;
  is_done boolean;
  is_finished boolean;
  parts bigint;
  has_rows boolean;
  take bigint;
  n bigint;
  part_no int;
  end_key text[];
BEGIN
  EXECUTE $q$
SELECT plan_hash, last_key, rows::text AS rows, done, finished,
       count(p.part) OVER () AS parts,
       EXISTS (SELECT 1 FROM "masked"."partners") AS target_has_rows,
       p.part, end_key
FROM (SELECT 1) AS one
LEFT JOIN "masked"."_masq_progress" AS p ON p.table_name = $1
ORDER BY p.part
  $q$ INTO done_hash, lo, copied, is_done, is_finished, parts, has_rows, part_no, end_key USING 'partners';
  IF done_hash IS NOT NULL AND done_hash <> '9b39f2c15dc6ace8' THEN
    RAISE EXCEPTION 'target table % was filled by another plan (%): drop it, or run that plan', 'partners', done_hash;
  END IF;
  IF done_hash IS NULL AND has_rows THEN
    RAISE EXCEPTION 'target table % already holds rows masq did not write', 'partners';
  END IF;
  IF is_finished THEN
    RAISE NOTICE '%: already complete (% rows)', 'partners', copied;
    RETURN;
  END IF;
  IF parts > 1 THEN
    RAISE EXCEPTION 'target table % was being filled by `masq run --jobs` in % parts: finish it with masq run', 'partners', parts;
  END IF;
  copied := coalesce(copied, 0);
  WHILE NOT coalesce(is_done, false) LOOP
    take := 50000;
    hi := NULL;
    n := 0;
    IF take > 0 THEN
      EXECUTE $q$
SELECT ARRAY[s."id"::text] AS k
FROM "public"."partners" AS s
WHERE ($1::text[] IS NULL OR s."id" > ($1::text[])[1]::integer)
  AND ($3::text[] IS NULL OR s."id" <= ($3::text[])[1]::integer)
ORDER BY s."id"
LIMIT 1 OFFSET $2
      $q$ INTO hi USING lo, take - 1, NULL::text[];
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
INSERT INTO "masked"."_masq_progress_log" (table_name, part, plan_hash, last_key, rows, done, end_key)
VALUES ($1, $2, $3, $4, $5, $6, $7)
    $q$ USING 'partners', 0, '9b39f2c15dc6ace8', coalesce(hi, lo), n, is_done, NULL::text[];
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
INSERT INTO "masked"."_masq_progress_log" (table_name, part, plan_hash, last_key, done, end_key, finished)
SELECT table_name, part, plan_hash, last_key, done, end_key, true
FROM "masked"."_masq_progress" WHERE table_name = 'partners';
  $q$;
END
$masq1$;
