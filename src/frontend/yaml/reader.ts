import { isAlias, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, ParsedNode } from 'yaml';
import { spanFromOffsets } from '../../diagnostics/span.js';
import type { Located, Span } from '../../diagnostics/span.js';
import { error } from '../../diagnostics/diagnostic.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { DiagnosticCode } from '../../diagnostics/codes.js';
import { didYouMean } from '../../diagnostics/suggest.js';

export type YamlNode = ParsedNode | null;

/** One `key: value` of a mapping, with the key as a string. */
export interface Entry {
  readonly key: Located<string>;
  readonly value: YamlNode;
  /** From the key to the end of the value. */
  readonly span: Span;
}

/** What to say when a mapping repeats a key: the code and the message for that key. */
export interface Repeat {
  readonly code: DiagnosticCode;
  readonly message: (key: string) => string;
}

/** Blank space between YAML tokens. */
const BLANK = /[ \t\r\n]/;

/** A tag or anchor (`!!binary`, `&a`) written just before a place, on its line. */
const PROPS_BEFORE = /(?<=^|[ \t{[,])[!&][^ \t\r\n]*(?=[ \t]*$)/;

const SETTING_TWICE: Repeat = { code: 'MASQ005', message: (k) => `"${k}" is given twice` };

/**
 * Walks a parsed YAML document with positions: every accessor checks the node's shape, reports
 * MASQ004 at the node when it is wrong, and returns undefined so the caller can carry on.
 */
export class YamlReader {
  readonly diagnostics: Diagnostic[] = [];
  /** Nodes refused for their value (scalar-checks.ts), by range: nothing more is said of them. */
  private readonly refused = new Set<string>();

  constructor(
    readonly file: string,
    private readonly text: string,
    private readonly doc: Document.Parsed,
  ) {}

  /**
   * The span of offsets [start, end), trailing blanks and line breaks left out: only YAML's own
   * blanks, as a no-break space or a BOM that String.trimEnd would drop is text to YAML.
   */
  spanOf(start: number, end: number): Span {
    let trimmed = end;
    while (trimmed > start && BLANK.test(this.text[trimmed - 1]!)) trimmed--;
    return spanFromOffsets(this.file, this.text, start, trimmed);
  }

  /**
   * The span of a node. A node with nothing in its range (a key that is only a tag, `!!binary :`)
   * is shown by its tag or anchor, which the yaml package leaves out of the range.
   */
  span(node: ParsedNode): Span {
    const [start, end] = node.range;
    if (/[^ \t\r\n]/.test(this.text.slice(start, end))) return this.spanOf(start, end);
    // Only the node's own line is searched: a spec with many empty values stays linear.
    const lineStart =
      Math.max(this.text.lastIndexOf('\n', start - 1), this.text.lastIndexOf('\r', start - 1)) + 1;
    const props = PROPS_BEFORE.exec(this.text.slice(lineStart, start));
    return props ? this.spanOf(lineStart + props.index, start) : this.tokenSpan(start, end);
  }

  /**
   * The span of a place the yaml package gives as [start, end), on the token it is about: an
   * error range that starts in the indentation starts at the first character after it, and a
   * range holding only blanks ("All mapping items must start at the same column") is widened to
   * the next token. At the end of the text it is an empty span there.
   */
  tokenSpan(start: number, end: number): Span {
    // An error at the end of the text comes as the character after it, [length, length + 1).
    const last = Math.min(end, this.text.length);
    let from = Math.min(start, last);
    while (from < this.text.length && BLANK.test(this.text[from]!)) from++;
    if (from < last) return this.spanOf(from, last);
    let to = from;
    while (to < this.text.length && !BLANK.test(this.text[to]!)) to++;
    return this.spanOf(from, to);
  }

  /** The source text of a node, as written (`0x10`, `'a'`). */
  source(node: ParsedNode): string {
    return this.text.slice(node.range[0], node.range[1]).trimEnd();
  }

  error(code: DiagnosticCode, message: string, span: Span): void {
    if (this.refused.has(`${span.offset}:${span.endOffset}`)) return;
    this.diagnostics.push(error(code, message, span));
  }

  /** Reports a node whose value no setting can take; later complaints about it are dropped. */
  refuse(node: ParsedNode, code: DiagnosticCode, message: string): void {
    const span = this.span(node);
    this.error(code, message, span);
    this.refused.add(`${span.offset}:${span.endOffset}`);
  }

  /** Aliases stand for the node they name. */
  deref(node: YamlNode): YamlNode {
    return isAlias(node) ? ((node.resolve(this.doc) as ParsedNode | undefined) ?? null) : node;
  }

  /** A mapping's entries in file order; a key given twice is reported and its repeat dropped. */
  entries(node: YamlNode, what: string, at: Span, repeat: Repeat = SETTING_TWICE): Entry[] {
    const map = this.deref(node);
    if (!isMap(map)) {
      this.wrongShape(map, `${what} must be a mapping`, at);
      return [];
    }
    const seen = new Set<string>();
    const entries: Entry[] = [];
    for (const pair of map.items) {
      const key = pair.key;
      if (!isScalar(key) || (typeof key.value !== 'string' && typeof key.value !== 'number')) {
        this.error('MASQ004', `keys of ${what} must be names`, key ? this.span(key) : at);
        continue;
      }
      const name = String(key.value);
      const keySpan = this.span(key);
      if (seen.has(name)) {
        this.error(repeat.code, repeat.message(name), keySpan);
        continue;
      }
      seen.add(name);
      const value = this.deref(pair.value as YamlNode);
      const end = pair.value && !isEmpty(pair.value) ? pair.value.range[1] : key.range[1];
      entries.push({
        key: { value: name, span: keySpan },
        value,
        span: this.spanOf(key.range[0], end),
      });
    }
    return entries;
  }

  /** Runs the handler of each entry's key; unknown keys are MASQ006 with a suggestion. */
  dispatch(entries: readonly Entry[], handlers: Record<string, (e: Entry) => void>, where: string) {
    for (const e of entries) {
      const handler = Object.hasOwn(handlers, e.key.value) ? handlers[e.key.value] : undefined;
      if (handler) handler(e);
      else {
        const hint = didYouMean(e.key.value, Object.keys(handlers));
        this.error('MASQ006', `unknown setting "${e.key.value}" ${where}${hint}`, e.key.span);
      }
    }
  }

  items(node: YamlNode, what: string, at: Span): YamlNode[] {
    const seq = this.deref(node);
    if (isSeq(seq)) return seq.items.map((item) => this.deref(item as YamlNode));
    this.wrongShape(seq, `${what} must be a list`, at);
    return [];
  }

  string(node: YamlNode, what: string, at: Span): Located<string> | undefined {
    const n = this.deref(node);
    if (isScalar(n) && typeof n.value === 'string' && n.value !== '') {
      return { value: n.value, span: this.span(n) };
    }
    this.wrongShape(n, `${what} must be a non-empty string`, at);
    return undefined;
  }

  /** An integer of at least `min`. */
  integer(node: YamlNode, what: string, at: Span, min: number): Located<number> | undefined {
    const n = this.deref(node);
    // A safe integer: past 2^53 a double no longer holds every whole number exactly.
    const { value } = isScalar(n) ? n : { value: undefined };
    if (isScalar(n) && typeof value === 'number' && Number.isSafeInteger(value) && value >= min) {
      return { value, span: this.span(n) };
    }
    const least = min === 0 ? 'a whole number, 0 or more' : `a whole number, ${min} or more`;
    this.wrongShape(n, `${what} must be ${least}`, at);
    return undefined;
  }

  boolean(node: YamlNode, what: string, at: Span): Located<boolean> | undefined {
    const n = this.deref(node);
    if (isScalar(n) && typeof n.value === 'boolean') return { value: n.value, span: this.span(n) };
    this.wrongShape(n, `${what} must be true or false`, at);
    return undefined;
  }

  /** Reports MASQ004 at the node, or at `at` when the value is missing. */
  wrongShape(node: YamlNode, message: string, at: Span): void {
    const found = describe(node);
    this.error(
      'MASQ004',
      `${message}, found ${found}`,
      node && !isEmpty(node) ? this.span(node) : at,
    );
  }
}

/**
 * Parses YAML text. YAML 1.2 counts a lone \r as a line break but the yaml package does not, so
 * it is given \n in its place: the same length, so every offset still points into `text`, and
 * lines and columns come from span.ts, which counts breaks as editors do.
 */
export function parseYaml(text: string): Document.Parsed {
  const breaks = text.replace(/\r(?!\n)/g, '\n');
  return parseDocument(breaks, { uniqueKeys: false, prettyErrors: false });
}

/** A value left out (`key:` with nothing after it). */
export function isEmpty(node: YamlNode): boolean {
  return node === null || (isScalar(node) && node.value === null);
}

function describe(node: YamlNode): string {
  if (isEmpty(node)) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    return typeof v === 'string' ? `"${v}"` : String(v);
  }
  return 'an alias';
}
