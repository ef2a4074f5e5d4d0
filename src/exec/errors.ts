import type { Diagnostic } from '../diagnostics/diagnostic.js';

/** A failure the user can act on: printed without a stack trace, with its exit code. */
export class MasqError extends Error {
  /** The message is already whole lines (positioned diagnostics): printed without a prefix. */
  readonly bare: boolean;
  /** The diagnostics a bare message was formatted from, for `--json` to print one by one. */
  readonly diagnostics: readonly Diagnostic[];

  constructor(
    message: string,
    readonly exitCode = 1,
    options: { bare?: boolean; cause?: unknown; diagnostics?: readonly Diagnostic[] } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.bare = options.bare ?? false;
    this.diagnostics = options.diagnostics ?? [];
    this.name = 'MasqError';
  }
}

/** Exit codes scripts can branch on. */
export const EXIT = {
  invalidInput: 1,
  runtime: 2,
  drift: 3,
} as const;

/** The SQLSTATE of an error or of the first error in its `cause` chain that has one. */
export function sqlstate(e: unknown): string | undefined {
  for (let at = e; at instanceof Error; at = at.cause) {
    const code = (at as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/**
 * Whether the same work can succeed when tried again: the session was lost (class 08, an
 * administrator or the server ending it: 57P01–57P03), the server refused it for now (too many
 * connections), or the transaction lost a race (serialization failure, deadlock). Also the
 * run's snapshot vanishing with the session that exported it. Anything else, a bad value
 * (class 22) or bad SQL (42), fails again the same way.
 */
export function isTransient(e: unknown): boolean {
  const code = sqlstate(e);
  if (code === undefined) return false;
  if (code.startsWith('08')) return true;
  if (code === '22023') return /snapshot/i.test(messageOf(e));
  return ['40001', '40P01', '57P01', '57P02', '57P03', '53300'].includes(code);
}

/** What to do after a failed batch or step: a rerun continues only when it can succeed. */
export function rerunHint(e: unknown): string {
  const code = sqlstate(e);
  if (isTransient(e)) return 'run the same command again to continue from the last committed batch';
  // No SQLSTATE: not the database's verdict, so nothing says whether it repeats.
  if (code === undefined)
    return 'once its cause is gone, run the same command again to continue from the last committed batch';
  return `running it again would fail the same way (SQLSTATE ${code}): fix the cause first (the rule or where of that table, or the data it reads), then run again`;
}

function messageOf(e: unknown): string {
  const parts: string[] = [];
  for (let at = e; at instanceof Error; at = at.cause) parts.push(at.message);
  return parts.join(' ');
}
