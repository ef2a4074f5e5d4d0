-- masq plan "input" (b01b3a38e3bd11e6), compiled from test/cases/no-primary-key/input.masq
-- 2 table(s): public → masked, 50000 rows a batch, hash mode portable.
--
-- Run it against the database that holds both schemas:
--   psql "$TARGET_URL" -v masq_salt="$MASQ_SALT" -f out/input.pg.sql
--
-- Safe to re-run: every batch commits with its checkpoint in masked._masq_progress,
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

-- ─── audit_log: public.audit_log → masked.audit_log
CREATE TABLE IF NOT EXISTS "masked"."audit_log" (
  "actor" text,
  "action" text NOT NULL,
  "at" timestamp with time zone NOT NULL
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
       EXISTS (SELECT 1 FROM "masked"."audit_log") AS target_has_rows,
       p.part, end_key
FROM (SELECT 1) AS one
LEFT JOIN "masked"."_masq_progress" AS p ON p.table_name = $1
ORDER BY p.part
  $q$ INTO done_hash, lo, copied, is_done, is_finished, parts, has_rows, part_no, end_key USING 'audit_log';
  IF done_hash IS NOT NULL AND done_hash <> 'b01b3a38e3bd11e6' THEN
    RAISE EXCEPTION 'target table % was filled by another plan (%): drop it, or run that plan', 'audit_log', done_hash;
  END IF;
  IF done_hash IS NULL AND has_rows THEN
    RAISE EXCEPTION 'target table % already holds rows masq did not write', 'audit_log';
  END IF;
  IF is_finished THEN
    RAISE NOTICE '%: already complete (% rows)', 'audit_log', copied;
    RETURN;
  END IF;
  IF parts > 1 THEN
    RAISE EXCEPTION 'target table % was being filled by `masq run --jobs` in % parts: finish it with masq run', 'audit_log', parts;
  END IF;
  copied := coalesce(copied, 0);
  WHILE NOT coalesce(is_done, false) LOOP
    take := 50000;
    hi := NULL;
    n := 0;
    IF take > 0 THEN
      EXECUTE $q$
SELECT ARRAY[s.ctid::text] AS k
FROM "public"."audit_log" AS s
WHERE ($1::text[] IS NULL OR s.ctid > ($1::text[])[1]::tid)
  AND ($3::text[] IS NULL OR s.ctid <= ($3::text[])[1]::tid)
ORDER BY s.ctid
LIMIT 1 OFFSET $2
      $q$ INTO hi USING lo, take - 1, NULL::text[];
      EXECUTE $q$
INSERT INTO "masked"."audit_log" ("actor", "action", "at")
SELECT
  -- test/cases/no-primary-key/input.masq:5 actor: hash_salt
  CASE WHEN s."actor" IS NULL THEN NULL ELSE encode(sha256(convert_to((SELECT current_setting('masq.salt')) || s."actor"::text, 'UTF8')), 'hex') END AS "actor",
  -- test/cases/no-primary-key/input.masq:6 action: keep
  s."action" AS "action",
  -- test/cases/no-primary-key/input.masq:7 at: keep
  s."at" AS "at"
FROM "public"."audit_log" AS s
WHERE ($1::text[] IS NULL OR s.ctid > ($1::text[])[1]::tid)
  AND ($2::text[] IS NULL OR s.ctid <= ($2::text[])[1]::tid)
      $q$ USING lo, hi;
      GET DIAGNOSTICS n = ROW_COUNT;
    END IF;
    is_done := hi IS NULL;
    EXECUTE $q$
INSERT INTO "masked"."_masq_progress_log" (table_name, part, plan_hash, last_key, rows, done, end_key)
VALUES ($1, $2, $3, $4, $5, $6, $7)
    $q$ USING 'audit_log', 0, 'b01b3a38e3bd11e6', coalesce(hi, lo), n, is_done, NULL::text[];
    COMMIT;
    copied := copied + n;
    RAISE NOTICE '%: % rows', 'audit_log', copied;
    lo := hi;
  END LOOP;
  EXECUTE $q$
DO $masq$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_constraint WHERE conrelid = '"masked"."audit_log"'::regclass AND conname = 'audit_log_actor_key') THEN
    ALTER TABLE "masked"."audit_log" ADD CONSTRAINT "audit_log_actor_key" UNIQUE (actor);
  END IF;
END $masq$;
ANALYZE "masked"."audit_log";
INSERT INTO "masked"."_masq_progress_log" (table_name, part, plan_hash, last_key, done, end_key, finished)
SELECT table_name, part, plan_hash, last_key, done, end_key, true
FROM "masked"."_masq_progress" WHERE table_name = 'audit_log';
  $q$;
END
$masq1$;

-- ─── events: public.events → masked.events
CREATE TABLE IF NOT EXISTS "masked"."events" (
  "user_ip" inet,
  "payload" json,
  "happened_on" date NOT NULL
);

DO $masq$
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
       EXISTS (SELECT 1 FROM "masked"."events") AS target_has_rows,
       p.part, end_key
FROM (SELECT 1) AS one
LEFT JOIN "masked"."_masq_progress" AS p ON p.table_name = $1
ORDER BY p.part
  $q$ INTO done_hash, lo, copied, is_done, is_finished, parts, has_rows, part_no, end_key USING 'events';
  IF done_hash IS NOT NULL AND done_hash <> 'b01b3a38e3bd11e6' THEN
    RAISE EXCEPTION 'target table % was filled by another plan (%): drop it, or run that plan', 'events', done_hash;
  END IF;
  IF done_hash IS NULL AND has_rows THEN
    RAISE EXCEPTION 'target table % already holds rows masq did not write', 'events';
  END IF;
  IF is_finished THEN
    RAISE NOTICE '%: already complete (% rows)', 'events', copied;
    RETURN;
  END IF;
  IF parts > 1 THEN
    RAISE EXCEPTION 'target table % was being filled by `masq run --jobs` in % parts: finish it with masq run', 'events', parts;
  END IF;
  copied := coalesce(copied, 0);
  WHILE NOT coalesce(is_done, false) LOOP
    take := 50000;
    hi := NULL;
    n := 0;
    IF take > 0 THEN
      EXECUTE $q$
SELECT ARRAY[s.tableoid::text, s.ctid::text] AS k
FROM "public"."events" AS s
WHERE ($1::text[] IS NULL OR (s.tableoid, s.ctid) > (($1::text[])[1]::oid, ($1::text[])[2]::tid))
  AND ($3::text[] IS NULL OR (s.tableoid, s.ctid) <= (($3::text[])[1]::oid, ($3::text[])[2]::tid))
ORDER BY s.tableoid, s.ctid
LIMIT 1 OFFSET $2
      $q$ INTO hi USING lo, take - 1, NULL::text[];
      EXECUTE $q$
INSERT INTO "masked"."events" ("user_ip", "payload", "happened_on")
SELECT
  -- test/cases/no-primary-key/input.masq:11 user_ip: nullify
  NULL::inet AS "user_ip",
  -- test/cases/no-primary-key/input.masq:12 payload: keep
  s."payload" AS "payload",
  -- test/cases/no-primary-key/input.masq:13 happened_on: perturb(days: 3)
  CASE WHEN s."happened_on" IS NULL THEN NULL ELSE s."happened_on" + (((h1.masq_h % 7) + 7) % 7 - 3)::int END AS "happened_on"
FROM "public"."events" AS s
  CROSS JOIN LATERAL (SELECT get_byte(d, 0)::bigint | (get_byte(d, 1)::bigint << 8) | (get_byte(d, 2)::bigint << 16) | (get_byte(d, 3)::bigint << 24) | (get_byte(d, 4)::bigint << 32) | (get_byte(d, 5)::bigint << 40) | (get_byte(d, 6)::bigint << 48) | (get_byte(d, 7)::bigint << 56) AS masq_h
     FROM (SELECT decode(md5('\x000000000f000000'::bytea || int4send((((length(b) + 1) & 255) << 24) | ((((length(b) + 1) >> 8) & 255) << 16) | ((((length(b) + 1) >> 16) & 255) << 8) | ((length(b) + 1) >> 24)) || b || '\x00'::bytea), 'hex') AS d
           FROM (SELECT convert_to((SELECT current_setting('masq.salt')) || s."happened_on"::text, 'UTF8') AS b OFFSET 0) AS q OFFSET 0) AS z) AS h1
WHERE ($1::text[] IS NULL OR (s.tableoid, s.ctid) > (($1::text[])[1]::oid, ($1::text[])[2]::tid))
  AND ($2::text[] IS NULL OR (s.tableoid, s.ctid) <= (($2::text[])[1]::oid, ($2::text[])[2]::tid))
      $q$ USING lo, hi;
      GET DIAGNOSTICS n = ROW_COUNT;
    END IF;
    is_done := hi IS NULL;
    EXECUTE $q$
INSERT INTO "masked"."_masq_progress_log" (table_name, part, plan_hash, last_key, rows, done, end_key)
VALUES ($1, $2, $3, $4, $5, $6, $7)
    $q$ USING 'events', 0, 'b01b3a38e3bd11e6', coalesce(hi, lo), n, is_done, NULL::text[];
    COMMIT;
    copied := copied + n;
    RAISE NOTICE '%: % rows', 'events', copied;
    lo := hi;
  END LOOP;
  EXECUTE $q$
ANALYZE "masked"."events";
INSERT INTO "masked"."_masq_progress_log" (table_name, part, plan_hash, last_key, done, end_key, finished)
SELECT table_name, part, plan_hash, last_key, done, end_key, true
FROM "masked"."_masq_progress" WHERE table_name = 'events';
  $q$;
END
$masq$;
