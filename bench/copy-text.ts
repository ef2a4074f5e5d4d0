/**
 * PostgreSQL's COPY TEXT format (default delimiter and NULL marker): one line per row,
 * fields separated by tabs, `\N` for NULL, backslash escapes for special characters.
 */

const ESCAPED: Readonly<Record<string, string>> = {
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/**
 * The fields of one data line, unescaped; null for `\N`. A trailing newline is ignored.
 * Accepts every escape COPY FROM accepts: `\b \f \n \r \t \v`, octal `\1`–`\377`, hex
 * `\x1`–`\xff` (bytes, decoded as UTF-8 together with the text around them), and a backslash
 * before any other character meaning that character.
 */
export function parseCopyLine(line: string): (string | null)[] {
  const text = line.endsWith('\n') ? line.slice(0, -1) : line;
  if (!text.includes('\\')) return text.split('\t');
  // A backslash escapes the next character, a tab included (it is then data, not a delimiter).
  const fields: (string | null)[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === TAB) {
      fields.push(parseField(text.slice(start, i)));
      start = i + 1;
    }
  }
  fields.push(parseField(text.slice(start)));
  return fields;
}

const BACKSLASH = 0x5c;
const TAB = 0x09;

function parseField(raw: string): string | null {
  // COPY compares the raw field with the NULL marker, before unescaping.
  if (raw === '\\N') return null;
  if (!raw.includes('\\')) return raw;
  if (/\\(?:[0-7]|x[0-9a-fA-F])/.test(raw)) return parseFieldBytes(raw);
  return raw.replace(/\\(.?)/gsu, (_, c: string) => ESCAPED[c] ?? c);
}

/** Octal and hex escapes stand for bytes, which may form a multibyte character together. */
function parseFieldBytes(raw: string): string {
  const parts: Buffer[] = [];
  const re = /\\(?:([0-7]{1,3})|x([0-9a-fA-F]{1,2})|(.?))/gsu;
  let last = 0;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    parts.push(Buffer.from(raw.slice(last, m.index), 'utf8'));
    const [, octal, hex, other] = m;
    if (octal !== undefined) parts.push(Buffer.of(parseInt(octal, 8) & 0xff));
    else if (hex !== undefined) parts.push(Buffer.of(parseInt(hex, 16)));
    else parts.push(Buffer.from(ESCAPED[other!] ?? other!, 'utf8'));
    last = re.lastIndex;
  }
  parts.push(Buffer.from(raw.slice(last), 'utf8'));
  const bytes = Buffer.concat(parts);
  if (bytes.includes(0)) throw new Error('COPY field holds a NUL byte, which text cannot store');
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

const TO_ESCAPE = /[\\\b\f\n\r\t\v]/g;
const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
};

/**
 * One data line, without its newline, escaped exactly as COPY TO writes it: a backslash before
 * `\`, and `\b \f \n \r \t \v` for those control characters; other characters as they are.
 */
export function formatCopyLine(values: readonly (string | null)[]): string {
  return values.map(formatField).join('\t');
}

function formatField(value: string | null): string {
  if (value === null) return '\\N';
  TO_ESCAPE.lastIndex = 0;
  return TO_ESCAPE.test(value) ? value.replace(TO_ESCAPE, (c) => ESCAPES[c]!) : value;
}
