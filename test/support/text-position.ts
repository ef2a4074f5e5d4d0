/**
 * Where `needle` (the nth match) sits in `text`, computed independently of any parser. Lines
 * break where editors break them: at \n, \r\n and a lone \r.
 */
export function at(text: string, needle: string, nth = 0) {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = text.indexOf(needle, offset + 1);
  if (offset < 0) throw new Error(`"${needle}" not in the text`);
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return {
    offset,
    endOffset: offset + needle.length,
    line: before.length,
    column: before[before.length - 1]!.length + 1,
  };
}
