/** A failure the user can act on: printed without a stack trace, with its exit code. */
export class MasqError extends Error {
  /** The message is already whole lines (positioned diagnostics): printed without a prefix. */
  readonly bare: boolean;

  constructor(
    message: string,
    readonly exitCode = 1,
    options: { bare?: boolean } = {},
  ) {
    super(message);
    this.bare = options.bare ?? false;
    this.name = 'MasqError';
  }
}

/** Exit codes scripts can branch on. */
export const EXIT = {
  invalidInput: 1,
  runtime: 2,
  drift: 3,
} as const;
