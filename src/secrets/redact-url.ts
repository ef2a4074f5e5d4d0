/**
 * Connection strings carry passwords in many spellings: `user:pw@` before the host (where pw may
 * hold a raw `@`, `:` or `/` that parsers split differently), `?password=` or `sslpassword=`
 * parameters, libpq's `password=… ` key/value form. Redaction must hide what *any* of those
 * parsers (pg's WHATWG URL, libpq's first-`@` scan) could read as a password, so it errs wide:
 * from the first `:` after `//` to the last `@`, even if that also hides a host now and then.
 */
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)(.*)$/s;
/** `password=`/`sslpassword=` as a URL parameter or a libpq keyword; its value runs to the next
 *  parameter (`&name=`) or blank, a quoted value to its closing quote. */
const PASSWORD_PARAM =
  /((?:^|[?&;\s])(?:ssl)?password\s*=\s*)('(?:\\.|[^'\\])*'?|(?:[^&\s]|&(?![A-Za-z_]+=))*)/gi;

export const REDACTED = '***';

/** A connection string safe to print: every part that may be a password replaced. */
export function redactUrl(url: string): string {
  return redactUserinfo(url).replace(PASSWORD_PARAM, (_, key: string) => key + REDACTED);
}

/** Whether a connection string holds a password (in any form `redactUrl` hides). */
export function hasPassword(url: string): boolean {
  return passwordsIn(url).length > 0;
}

/** The password texts of a connection string, as written and as a driver decodes them. */
export function passwordsIn(url: string): string[] {
  const found: string[] = [];
  const userinfo = userinfoPassword(url);
  if (userinfo) found.push(userinfo);
  for (const m of url.matchAll(PASSWORD_PARAM)) {
    const value = m[2]!;
    // As written, unquoted, and cut at a raw `&` as URLSearchParams cuts it.
    if (value) found.push(value, value.replace(/^'(.*)'$/s, '$1'), value.split('&')[0]!);
  }
  const decoded = found.flatMap((p) => [p, safeDecode(p)]);
  return [...new Set(decoded.filter((p) => p !== ''))];
}

function redactUserinfo(url: string): string {
  const m = SCHEME.exec(url);
  const span = m && passwordSpan(m[2]!);
  if (!m || !span) return url;
  const rest = m[2]!;
  return m[1]! + rest.slice(0, span.start) + REDACTED + rest.slice(span.end);
}

function userinfoPassword(url: string): string | undefined {
  const m = SCHEME.exec(url);
  const span = m && passwordSpan(m[2]!);
  return span ? m[2]!.slice(span.start, span.end) : undefined;
}

/** After `scheme://`: between the first `:` and the last `@` that follows it. */
function passwordSpan(rest: string): { start: number; end: number } | undefined {
  const colon = rest.indexOf(':');
  const at = rest.lastIndexOf('@');
  if (colon < 0 || at <= colon) return undefined;
  return { start: colon + 1, end: at };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
