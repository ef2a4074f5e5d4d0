// Placeholders for dollar-quote tags, replaced once the text they quote is known.
export const Q_TAG = '\u0000q\u0000';
export const BLOCK_TAG = '\u0000masq\u0000';

/** Puts in dollar-quote tags that occur nowhere in the text (rules and names are user text). */
export function withDollarTags(text: string): string {
  const tag = (base: string) => {
    let t = `$${base}$`;
    for (let i = 1; text.includes(t); i++) t = `$${base}${i}$`;
    return t;
  };
  return text.replaceAll(Q_TAG, tag('q')).replaceAll(BLOCK_TAG, tag('masq'));
}
