import { readFileSync } from 'node:fs';
import { isMap, isSeq, parseDocument } from 'yaml';
import type { Node } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { error } from '../diagnostics/diagnostic.js';
import { spanFromOffsets } from '../diagnostics/span.js';
import type { JsonPath } from './snapshot-check.js';
import { checkSnapshot } from './snapshot-check.js';
import type { SchemaSnapshot } from './snapshot.js';
import { loadSqlParser } from './sql-text.js';

export interface LoadedSnapshot {
  readonly snapshot?: SchemaSnapshot;
  readonly diagnostics: readonly Diagnostic[];
  /** The file's text, for quoting the lines the diagnostics point at. */
  readonly text: string;
}

/**
 * Reads a `--schema FILE`: untrusted input, so it is refused whole unless every field is what
 * `masq schema` writes. Each problem names the JSON path and points at its line and column.
 */
export async function loadSnapshotFile(file: string): Promise<LoadedSnapshot> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return {
      diagnostics: [error('MASQ061', `cannot read ${file}: ${(e as Error).message}`)],
      text: '',
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const at = /at position (\d+)/.exec((e as Error).message);
    const offset = at ? Number(at[1]) : 0;
    const span = spanFromOffsets(file, text, offset, Math.min(offset + 1, text.length));
    return { diagnostics: [error('MASQ061', `not JSON: ${(e as Error).message}`, span)], text };
  }
  // Located through a YAML reading of the same text (JSON is YAML): it keeps node ranges,
  // and it sees a key written twice, which JSON.parse silently lets the last one win.
  const doc = parseDocument(text, { uniqueKeys: true });
  const duplicates = doc.errors
    .filter((e) => e.code === 'DUPLICATE_KEY')
    .map((e) =>
      error('MASQ061', 'a key written twice', spanFromOffsets(file, text, e.pos[0], e.pos[1])),
    );
  await loadSqlParser();
  const { snapshot, problems } = checkSnapshot(value);
  const diagnostics = [
    ...duplicates,
    ...problems.map((p) => {
      const range = locate(doc.contents, p.path);
      const span = range ? spanFromOffsets(file, text, range[0], range[1]) : undefined;
      // Positioned, the file is named in front already; otherwise the message names it.
      const message = `${jsonPath(p.path)} ${p.message}`;
      return error(p.code, span ? message : `${file}: ${message}`, span);
    }),
  ];
  return diagnostics.length ? { diagnostics, text } : { snapshot: snapshot!, diagnostics, text };
}

/** `$.tables[0].columns[2].type`, the way jq and JSONPath name a place. */
export function jsonPath(path: JsonPath): string {
  return (
    '$' +
    path
      .map((p) =>
        typeof p === 'number'
          ? `[${p}]`
          : /^[A-Za-z_]\w*$/.test(p)
            ? `.${p}`
            : `[${JSON.stringify(p)}]`,
      )
      .join('')
  );
}

/** The text range of the deepest node on `path` that exists: a missing field points at its object. */
function locate(root: unknown, path: JsonPath): [number, number] | undefined {
  let node = root as Node | null | undefined;
  let range = node?.range;
  for (const step of path) {
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((i) => (i.key as { value?: unknown } | null)?.value === step);
      next = pair?.value ?? pair?.key;
    } else if (isSeq(node) && typeof step === 'number') next = node.items[step];
    if (!next || typeof next !== 'object' || !('range' in next)) break;
    node = next as Node;
    range = node.range;
  }
  return range ? [range[0], range[1]] : undefined;
}
