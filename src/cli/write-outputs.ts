import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { EXIT, MasqError } from '../exec/errors.js';

/**
 * Writes `files` (path → text) into `dir`, made if missing. Each is written beside its place,
 * then renamed over it: a failure leaves the previous outputs whole and removes what it wrote,
 * never half of a file. An unwritable `--out` is the user's to fix: one line, exit 1.
 */
export function writeOutputs(dir: string, files: ReadonlyMap<string, string>): void {
  const written: string[] = [];
  try {
    mkdirSync(dir, { recursive: true });
    for (const [file, text] of files) {
      writeFileSync(`${file}.tmp`, text);
      written.push(`${file}.tmp`);
    }
    for (const file of files.keys()) renameSync(`${file}.tmp`, file);
  } catch (e) {
    for (const tmp of written) rmSync(tmp, { force: true });
    throw new MasqError(
      `error MASQ090: cannot write the outputs into ${dir}: ${(e as Error).message}`,
      EXIT.invalidInput,
    );
  }
}
