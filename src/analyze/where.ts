/**
 * A `where` predicate is pasted into generated SQL, so it must be one expression: no statement
 * separator, no comment that could hide the rest of a line, balanced parentheses. Quoted text
 * ('…' literals, "…" identifiers) is skipped. Returns what is wrong, or undefined.
 */
export function unsafePredicate(sql: string): string | undefined {
  let depth = 0;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      const end = closingQuote(sql, i, c);
      if (end < 0) return `unterminated ${c === "'" ? 'string' : 'quoted name'}`;
      i = end;
    } else if (c === ';') return 'it contains ";"';
    else if (sql.startsWith('--', i) || sql.startsWith('/*', i)) return 'it contains a comment';
    else if (
      c === '$' &&
      /^\$[A-Za-z_]*\$/.test(sql.slice(i)) &&
      !/[A-Za-z0-9_]/.test(sql[i - 1] ?? '')
    )
      return 'it contains a dollar-quoted string';
    else if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return 'it closes a parenthesis it did not open';
  }
  return depth === 0 ? undefined : 'its parentheses are not balanced';
}

function closingQuote(sql: string, start: number, quote: string): number {
  for (let i = start + 1; i < sql.length; i++) {
    if (sql[i] !== quote) continue;
    if (sql[i + 1] === quote) i++;
    else return i;
  }
  return -1;
}
