-- masq plan "input" (40645b1f326b112c), compiled from test/cases/default-keep/input.masq
-- 1 table(s): sales → sales_masked, 50000 rows a batch, hash mode portable.
--
-- Run it against the database that holds both schemas:
--   psql "$TARGET_URL" -v masq_salt="$MASQ_SALT" -f out/input.pg.sql
--
-- Safe to re-run: every batch commits with its checkpoint in sales_masked._masq_progress,
-- so a run that stopped continues where it was, and a finished table is skipped.
-- The salt is read from psql variables and kept in session settings; it is not in this file.

\set ON_ERROR_STOP on
\if :{?masq_salt}
\else
  DO $masq$ BEGIN RAISE EXCEPTION '%', 'run psql with -v masq_salt=... (the secret from MASQ_SALT)'; END $masq$;
\endif
SELECT set_config('TimeZone', 'UTC', false), set_config('DateStyle', 'ISO, YMD', false), set_config('extra_float_digits', '1', false), set_config('masq.salt', :'masq_salt', false);
DO $$ BEGIN
  IF coalesce(current_setting('masq.salt', true), '') = '' THEN RAISE EXCEPTION 'the salt (masq_salt) is empty'; END IF;
END $$;

SELECT pg_try_advisory_lock(hashtextextended('masq:sales_masked', 0)) AS locked \gset masq_
\if :masq_locked
\else
  DO $$ BEGIN RAISE EXCEPTION 'another masq run is writing into the target schema: wait for it to end, or stop it'; END $$;
\endif
CREATE SCHEMA IF NOT EXISTS "sales_masked";
-- One row per committed batch of a part of a table's key range (one part unless
-- `masq run --jobs N` split it), appended and never updated while copying: a batch that reads
-- the run's snapshot (REPEATABLE READ) cannot update a row committed after that snapshot.
CREATE TABLE IF NOT EXISTS "sales_masked"."_masq_progress_log" (
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
CREATE OR REPLACE VIEW "sales_masked"."_masq_progress" AS
SELECT DISTINCT ON (table_name, part)
       table_name, part, plan_hash, end_key, last_key,
       (sum(rows) OVER w)::bigint AS rows, done, bool_or(finished) OVER w AS finished, updated_at
FROM "sales_masked"."_masq_progress_log"
WINDOW w AS (PARTITION BY table_name, part)
ORDER BY table_name, part, seq DESC;

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
       EXISTS (SELECT 1 FROM "sales_masked"."contacts") AS target_has_rows,
       p.part, end_key
FROM (SELECT 1) AS one
LEFT JOIN "sales_masked"."_masq_progress" AS p ON p.table_name = $1
ORDER BY p.part
  $q$ INTO done_hash, lo, copied, is_done, is_finished, parts, has_rows, part_no, end_key USING 'contacts';
  IF done_hash IS NOT NULL AND done_hash <> '40645b1f326b112c' THEN
    RAISE EXCEPTION 'target table % was filled by another plan (%): drop it, or run that plan', 'contacts', done_hash;
  END IF;
  IF done_hash IS NULL AND has_rows THEN
    RAISE EXCEPTION 'target table % already holds rows masq did not write', 'contacts';
  END IF;
  IF is_finished THEN
    RAISE NOTICE '%: already complete (% rows)', 'contacts', copied;
    RETURN;
  END IF;
  IF parts > 1 THEN
    RAISE EXCEPTION 'target table % was being filled by `masq run --jobs` in % parts: finish it with masq run', 'contacts', parts;
  END IF;
  copied := coalesce(copied, 0);
  WHILE NOT coalesce(is_done, false) LOOP
    take := 50000;
    hi := NULL;
    n := 0;
    IF take > 0 THEN
      EXECUTE $q$
SELECT ARRAY[s."id"::text] AS k
FROM "sales"."contacts" AS s
WHERE ($1::text[] IS NULL OR s."id" > ($1::text[])[1]::uuid)
  AND ($3::text[] IS NULL OR s."id" <= ($3::text[])[1]::uuid)
ORDER BY s."id"
LIMIT 1 OFFSET $2
      $q$ INTO hi USING lo, take - 1, NULL::text[];
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
INSERT INTO "sales_masked"."_masq_progress_log" (table_name, part, plan_hash, last_key, rows, done, end_key)
VALUES ($1, $2, $3, $4, $5, $6, $7)
    $q$ USING 'contacts', 0, '40645b1f326b112c', coalesce(hi, lo), n, is_done, NULL::text[];
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
INSERT INTO "sales_masked"."_masq_progress_log" (table_name, part, plan_hash, last_key, done, end_key, finished)
SELECT table_name, part, plan_hash, last_key, done, end_key, true
FROM "sales_masked"."_masq_progress" WHERE table_name = 'contacts';
  $q$;
END
$masq1$;
