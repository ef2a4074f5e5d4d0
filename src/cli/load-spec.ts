import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseMasq } from '../frontend/masq/index.js';
import type { FrontendResult } from '../frontend/result.js';
import { parseYamlSpec } from '../frontend/yaml/index.js';
import { MasqError } from '../exec/errors.js';

export interface LoadedSpec extends FrontendResult {
  /** File name → text, for quoting source lines in diagnostics. */
  readonly sources: Map<string, string>;
}

/** Reads a spec and parses it with the front-end its extension names. */
export function loadSpec(file: string): LoadedSpec {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new MasqError(
      `cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`,
    );
  }
  const ext = extname(file).toLowerCase();
  const result =
    ext === '.yaml' || ext === '.yml'
      ? parseYamlSpec(text, file)
      : ext === '.masq'
        ? parseMasq(text, file)
        : undefined;
  if (!result) throw new MasqError(`${file}: unknown spec kind "${ext}": use .masq, .yaml or .yml`);
  return { ...result, sources: new Map([[file, text]]) };
}

/** `configs/shop.masq` → `shop`; `out/shop.plan.json` → `shop`. */
export function specName(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.plan\.json$/, '').replace(/\.[^.]+$/, '');
}
