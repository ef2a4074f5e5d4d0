import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/build.js';

/**
 * A skipped test must say why in the output (which server, tool or folder is missing). vitest's
 * own skip/runIf forms print nothing, so every conditional skip goes through describeNeeding /
 * itNeeding in test/support/engines.ts, which name the reason and print it.
 */
const BARE_SKIP = /\b(?:describe|it|test)\s*\.\s*(?:skip|skipIf|runIf|todo)\b/;
const HELPERS = 'test/support/engines.ts';

function testSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'cases' ? [] : testSources(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

describe('skipped tests say why', () => {
  it('no test skips itself except through the helpers that print the reason', () => {
    const bare = testSources(join(ROOT, 'test'))
      .map((file) => relative(ROOT, file))
      .filter((file) => file !== HELPERS && file !== 'test/skip-reasons.test.ts')
      .flatMap((file) =>
        readFileSync(join(ROOT, file), 'utf8')
          .split('\n')
          .flatMap((line, i) => (BARE_SKIP.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
      );
    expect(bare).toEqual([]);
  });
});
