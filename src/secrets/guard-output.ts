import type { Scrubber } from './scrubber.js';

/**
 * Routes every write to `stream` through the scrubber: the single point where masq's output
 * (errors, diagnostics, progress, `--json` lines, a library's warnings) leaves the process.
 */
export function guardOutput(stream: NodeJS.WritableStream, scrubber: Scrubber): void {
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) =>
    write(
      typeof chunk === 'string'
        ? scrubber.scrub(chunk)
        : chunk instanceof Uint8Array
          ? scrubber.scrub(Buffer.from(chunk).toString('utf8'))
          : chunk,
      ...rest.filter((r) => typeof r === 'function'),
    )) as typeof stream.write;
}
