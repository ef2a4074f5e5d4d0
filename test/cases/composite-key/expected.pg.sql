-- masq plan "input" (70b73877714068e7), compiled from test/cases/composite-key/input.masq
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

-- ─── order_lines: public.order_lines → masked.order_lines
CREATE TABLE IF NOT EXISTS "masked"."order_lines" (
  "order_id" bigint NOT NULL,
  "line_no" smallint NOT NULL,
  "sku" text NOT NULL,
  "price" numeric(12,2) NOT NULL,
  CONSTRAINT "order_lines_price_check" CHECK ((price > (0)::numeric))
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
       EXISTS (SELECT 1 FROM "masked"."order_lines") AS target_has_rows,
       p.part, end_key
FROM (SELECT 1) AS one
LEFT JOIN "masked"."_masq_progress" AS p ON p.table_name = $1
ORDER BY p.part
  $q$ INTO done_hash, lo, copied, is_done, is_finished, parts, has_rows, part_no, end_key USING 'order_lines';
  IF done_hash IS NOT NULL AND done_hash <> '70b73877714068e7' THEN
    RAISE EXCEPTION 'target table % was filled by another plan (%): drop it, or run that plan', 'order_lines', done_hash;
  END IF;
  IF done_hash IS NULL AND has_rows THEN
    RAISE EXCEPTION 'target table % already holds rows masq did not write', 'order_lines';
  END IF;
  IF is_finished THEN
    RAISE NOTICE '%: already complete (% rows)', 'order_lines', copied;
    RETURN;
  END IF;
  IF parts > 1 THEN
    RAISE EXCEPTION 'target table % was being filled by `masq run --jobs` in % parts: finish it with masq run', 'order_lines', parts;
  END IF;
  copied := coalesce(copied, 0);
  WHILE NOT coalesce(is_done, false) LOOP
    take := 50000;
    hi := NULL;
    n := 0;
    IF take > 0 THEN
      EXECUTE $q$
SELECT ARRAY[s."order_id"::text, s."line_no"::text] AS k
FROM "public"."order_lines" AS s
WHERE ($1::text[] IS NULL OR (s."order_id", s."line_no") > (($1::text[])[1]::bigint, ($1::text[])[2]::smallint))
  AND ($3::text[] IS NULL OR (s."order_id", s."line_no") <= (($3::text[])[1]::bigint, ($3::text[])[2]::smallint))
ORDER BY s."order_id", s."line_no"
LIMIT 1 OFFSET $2
      $q$ INTO hi USING lo, take - 1, NULL::text[];
      EXECUTE $q$
INSERT INTO "masked"."order_lines" ("order_id", "line_no", "sku", "price")
SELECT
  -- test/cases/composite-key/input.masq:5 order_id: keep
  s."order_id" AS "order_id",
  -- test/cases/composite-key/input.masq:6 line_no: keep
  s."line_no" AS "line_no",
  -- test/cases/composite-key/input.masq:7 sku: keep
  s."sku" AS "sku",
  -- test/cases/composite-key/input.masq:8 price: perturb(pct: 2.5)
  CASE WHEN s."price" IS NULL THEN NULL ELSE CASE WHEN s."price" - s."price" = 0 THEN least(greatest(round(s."price" + s."price"::numeric * (((h1.masq_h % 2000001) + 2000001) % 2000001 - 1000000) * 2.5 / 100000000, scale(s."price")), -9999999999.99), 9999999999.99)::numeric(12,2) ELSE s."price" END END AS "price"
FROM "public"."order_lines" AS s
  CROSS JOIN LATERAL (SELECT get_byte(d, 0)::bigint | (get_byte(d, 1)::bigint << 8) | (get_byte(d, 2)::bigint << 16) | (get_byte(d, 3)::bigint << 24) | (get_byte(d, 4)::bigint << 32) | (get_byte(d, 5)::bigint << 40) | (get_byte(d, 6)::bigint << 48) | (get_byte(d, 7)::bigint << 56) AS masq_h
     FROM (SELECT decode(md5('\x000000000f000000'::bytea || int4send((((length(b) + 1) & 255) << 24) | ((((length(b) + 1) >> 8) & 255) << 16) | ((((length(b) + 1) >> 16) & 255) << 8) | ((length(b) + 1) >> 24)) || b || '\x00'::bytea), 'hex') AS d
           FROM (SELECT convert_to((SELECT current_setting('masq.salt')) || s."price"::text, 'UTF8') AS b OFFSET 0) AS q OFFSET 0) AS z) AS h1
WHERE ($1::text[] IS NULL OR (s."order_id", s."line_no") > (($1::text[])[1]::bigint, ($1::text[])[2]::smallint))
  AND ($2::text[] IS NULL OR (s."order_id", s."line_no") <= (($2::text[])[1]::bigint, ($2::text[])[2]::smallint))
      $q$ USING lo, hi;
      GET DIAGNOSTICS n = ROW_COUNT;
    END IF;
    is_done := hi IS NULL;
    EXECUTE $q$
INSERT INTO "masked"."_masq_progress_log" (table_name, part, plan_hash, last_key, rows, done, end_key)
VALUES ($1, $2, $3, $4, $5, $6, $7)
    $q$ USING 'order_lines', 0, '70b73877714068e7', coalesce(hi, lo), n, is_done, NULL::text[];
    COMMIT;
    copied := copied + n;
    RAISE NOTICE '%: % rows', 'order_lines', copied;
    lo := hi;
  END LOOP;
  EXECUTE $q$
DO $masq$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_constraint WHERE conrelid = '"masked"."order_lines"'::regclass AND conname = 'order_lines_pkey') THEN
    ALTER TABLE "masked"."order_lines" ADD CONSTRAINT "order_lines_pkey" PRIMARY KEY (order_id, line_no);
  END IF;
END $masq$;
ANALYZE "masked"."order_lines";
INSERT INTO "masked"."_masq_progress_log" (table_name, part, plan_hash, last_key, done, end_key, finished)
SELECT table_name, part, plan_hash, last_key, done, end_key, true
FROM "masked"."_masq_progress" WHERE table_name = 'order_lines';
  $q$;
END
$masq1$;

-- ─── visits: public.visits → masked.visits
CREATE TABLE IF NOT EXISTS "masked"."visits" (
  "region" character(2) NOT NULL,
  "visited_on" date NOT NULL,
  "visitor" text NOT NULL,
  "note" text
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
       EXISTS (SELECT 1 FROM "masked"."visits") AS target_has_rows,
       p.part, end_key
FROM (SELECT 1) AS one
LEFT JOIN "masked"."_masq_progress" AS p ON p.table_name = $1
ORDER BY p.part
  $q$ INTO done_hash, lo, copied, is_done, is_finished, parts, has_rows, part_no, end_key USING 'visits';
  IF done_hash IS NOT NULL AND done_hash <> '70b73877714068e7' THEN
    RAISE EXCEPTION 'target table % was filled by another plan (%): drop it, or run that plan', 'visits', done_hash;
  END IF;
  IF done_hash IS NULL AND has_rows THEN
    RAISE EXCEPTION 'target table % already holds rows masq did not write', 'visits';
  END IF;
  IF is_finished THEN
    RAISE NOTICE '%: already complete (% rows)', 'visits', copied;
    RETURN;
  END IF;
  IF parts > 1 THEN
    RAISE EXCEPTION 'target table % was being filled by `masq run --jobs` in % parts: finish it with masq run', 'visits', parts;
  END IF;
  copied := coalesce(copied, 0);
  WHILE NOT coalesce(is_done, false) LOOP
    take := 50000;
    hi := NULL;
    n := 0;
    IF take > 0 THEN
      EXECUTE $q$
SELECT ARRAY[s."region"::text, s."visited_on"::text, s."visitor"::text] AS k
FROM "public"."visits" AS s
WHERE ($1::text[] IS NULL OR (s."region", s."visited_on", s."visitor") > (($1::text[])[1]::character(2), ($1::text[])[2]::date, ($1::text[])[3]::text))
  AND ($3::text[] IS NULL OR (s."region", s."visited_on", s."visitor") <= (($3::text[])[1]::character(2), ($3::text[])[2]::date, ($3::text[])[3]::text))
ORDER BY s."region", s."visited_on", s."visitor"
LIMIT 1 OFFSET $2
      $q$ INTO hi USING lo, take - 1, NULL::text[];
      EXECUTE $q$
INSERT INTO "masked"."visits" ("region", "visited_on", "visitor", "note")
SELECT
  -- test/cases/composite-key/input.masq:12 region: key
  s."region" AS "region",
  -- test/cases/composite-key/input.masq:12 visited_on: key
  s."visited_on" AS "visited_on",
  -- test/cases/composite-key/input.masq:13 visitor: hash_salt
  CASE WHEN s."visitor" IS NULL THEN NULL ELSE encode(sha256(convert_to((SELECT current_setting('masq.salt')) || s."visitor"::text, 'UTF8')), 'hex') END AS "visitor",
  -- test/cases/composite-key/input.masq:14 note: redact
  CASE WHEN s."note" IS NULL THEN NULL ELSE repeat('*', char_length(s."note")) END AS "note"
FROM "public"."visits" AS s
WHERE ($1::text[] IS NULL OR (s."region", s."visited_on", s."visitor") > (($1::text[])[1]::character(2), ($1::text[])[2]::date, ($1::text[])[3]::text))
  AND ($2::text[] IS NULL OR (s."region", s."visited_on", s."visitor") <= (($2::text[])[1]::character(2), ($2::text[])[2]::date, ($2::text[])[3]::text))
      $q$ USING lo, hi;
      GET DIAGNOSTICS n = ROW_COUNT;
    END IF;
    is_done := hi IS NULL;
    EXECUTE $q$
INSERT INTO "masked"."_masq_progress_log" (table_name, part, plan_hash, last_key, rows, done, end_key)
VALUES ($1, $2, $3, $4, $5, $6, $7)
    $q$ USING 'visits', 0, '70b73877714068e7', coalesce(hi, lo), n, is_done, NULL::text[];
    COMMIT;
    copied := copied + n;
    RAISE NOTICE '%: % rows', 'visits', copied;
    lo := hi;
  END LOOP;
  EXECUTE $q$
CREATE INDEX IF NOT EXISTS "visits_region_idx" ON "masked"."visits" USING btree (region, visited_on);
ANALYZE "masked"."visits";
INSERT INTO "masked"."_masq_progress_log" (table_name, part, plan_hash, last_key, done, end_key, finished)
SELECT table_name, part, plan_hash, last_key, done, end_key, true
FROM "masked"."_masq_progress" WHERE table_name = 'visits';
  $q$;
END
$masq$;
