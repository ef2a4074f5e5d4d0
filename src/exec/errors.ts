/** A failure the user can act on: printed without a stack trace, with its exit code. */
export class MasqError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'MasqError';
  }
}

/** Exit codes scripts can branch on. */
export const EXIT = {
  invalidInput: 1,
  runtime: 2,
  drift: 3,
} as const;
