-- masq plan "input" (40645b1f326b112c), compiled from test/cases/default-keep/input.masq
-- 1 table(s): sales → sales_masked, 50000 rows a batch, hash mode portable.
--
-- Run it against the database that holds both schemas:
--   psql "$TARGET_URL" -f out/input.pg.sql
-- psql reads the secrets itself, from $MASQ_SALT: they are on no command line
-- (where `ps` shows them), in no output of this script, and not in this file.
--
-- Safe to re-run: every batch commits with its checkpoint in sales_masked._masq_progress,
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
-- The target tables' defaults, checks and index parts are catalog text, printed with
-- standard_conforming_strings on: they must be read so. Set here, before any of them is sent,
-- since a server lexes every statement of one query string before it runs the first.
SET standard_conforming_strings = on;
CREATE SCHEMA IF NOT EXISTS "sales_masked";
-- One row per part of a table's key range (one part unless `masq run --jobs N` split it).
CREATE TABLE IF NOT EXISTS "sales_masked"."_masq_progress" (
  table_name text NOT NULL,
  part       int NOT NULL,
  plan_hash  text NOT NULL,
  end_key    text[],
  last_key   text[],
  rows       bigint NOT NULL DEFAULT 0,
  done       boolean NOT NULL DEFAULT false,
  finished   boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (table_name, part)
);

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
INSERT INTO "sales_masked"."_masq_progress" AS p (table_name, part, plan_hash, last_key, rows, done, end_key)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (table_name, part) DO UPDATE
SET last_key = coalesce(excluded.last_key, p.last_key), rows = p.rows + excluded.rows,
    done = excluded.done, updated_at = now()
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
UPDATE "sales_masked"."_masq_progress" SET finished = true, updated_at = now() WHERE table_name = 'contacts';
  $q$;
END
$masq1$;
