/**
 * What `env(NAME)` may name: a POSIX shell variable name. Anything else could not be exported,
 * and the psql script reads the secret with `\getenv`, which takes a name and nothing more.
 */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
