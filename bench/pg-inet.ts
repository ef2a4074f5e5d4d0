/**
 * How PostgreSQL prints an `inet` host address given as text (what `'…'::inet` shows), and
 * the `inet::text` form hashes are taken of, which always carries the prefix length.
 */

/** inet::text: `1.2.3.4` prints as `1.2.3.4` but converts to text as `1.2.3.4/32`. */
export function inetText(copied: string): string {
  if (copied.includes('/')) return copied;
  return copied.includes(':') ? `${copied}/128` : `${copied}/32`;
}

/** The output of `text::inet` for a host address (no prefix length). */
export function inetOut(text: string): string {
  return text.includes(':') ? ipv6Out(parseIpv6(text)) : ipv4Bytes(text).join('.');
}

function ipv4Bytes(text: string): number[] {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255))
    throw new Error(`unsupported IPv4 address: ${text}`);
  return parts.map(Number);
}

/** Eight 16-bit words; `::` and a trailing dotted IPv4 part are accepted. */
function parseIpv6(text: string): number[] {
  const halves = text.split('::');
  if (halves.length > 2) throw new Error(`bad IPv6 address: ${text}`);
  const words = (part: string): number[] =>
    part === ''
      ? []
      : part.split(':').flatMap((w) => {
          if (w.includes('.')) {
            const b = ipv4Bytes(w);
            return [(b[0]! << 8) | b[1]!, (b[2]! << 8) | b[3]!];
          }
          if (!/^[0-9a-fA-F]{1,4}$/.test(w)) throw new Error(`bad IPv6 address: ${text}`);
          return [parseInt(w, 16)];
        });
  const head = words(halves[0]!);
  const tail = halves.length === 2 ? words(halves[1]!) : [];
  const gap = 8 - head.length - tail.length;
  if (halves.length === 2 ? gap < 1 : gap !== 0) throw new Error(`bad IPv6 address: ${text}`);
  return [...head, ...new Array<number>(gap).fill(0), ...tail];
}

/** inet_net_ntop_ipv6 in src/port/inet_net_ntop.c, for a full-length (/128) address. */
function ipv6Out(words: number[]): string {
  let best = { base: -1, len: 0 };
  let cur = { base: -1, len: 0 };
  for (let i = 0; i <= 8; i++) {
    if (i < 8 && words[i] === 0) {
      cur = cur.base === -1 ? { base: i, len: 1 } : { base: cur.base, len: cur.len + 1 };
    } else if (cur.base !== -1) {
      if (best.base === -1 || cur.len > best.len) best = cur;
      cur = { base: -1, len: 0 };
    }
  }
  if (best.len < 2) best = { base: -1, len: 0 };
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (best.base !== -1 && i >= best.base && i < best.base + best.len) {
      if (i === best.base) out += ':';
      continue;
    }
    if (i !== 0) out += ':';
    const embedsIpv4 =
      i === 6 &&
      best.base === 0 &&
      (best.len === 6 ||
        (best.len === 7 && words[7] !== 1) ||
        (best.len === 5 && words[5] === 0xffff));
    if (embedsIpv4) {
      out += [words[6]! >> 8, words[6]! & 255, words[7]! >> 8, words[7]! & 255].join('.');
      return out;
    }
    out += words[i]!.toString(16);
  }
  if (best.base !== -1 && best.base + best.len === 8) out += ':';
  return out;
}
