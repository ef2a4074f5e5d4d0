/** `1 table`, `2 tables`: a count with its noun. */
export function plural(n: number, noun: string): string {
  return `${n} ${n === 1 ? noun : `${noun}s`}`;
}
