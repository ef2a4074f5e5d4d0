import { readFileSync } from 'node:fs';
import type { SecretRef, UrlRef } from '../ir/plan.js';
import { EXIT, MasqError } from './errors.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** A secret's value, from the environment or a file (one trailing newline dropped). Never logged. */
export function resolveSecret(ref: SecretRef, env: Env): string {
  let value: string | undefined;
  if ('env' in ref) {
    value = env[ref.env];
    if (value === undefined)
      throw new MasqError(
        `error MASQ031: the salt comes from ${ref.env}, which is not set`,
        EXIT.invalidInput,
      );
  } else {
    try {
      value = readFileSync(ref.file, 'utf8').replace(/\r?\n$/, '');
    } catch (e) {
      throw new MasqError(
        `error MASQ031: cannot read the salt file ${ref.file}: ${(e as Error).message}`,
        EXIT.invalidInput,
      );
    }
  }
  if (value === '')
    throw new MasqError(
      `error MASQ031: the salt from ${'env' in ref ? ref.env : ref.file} is empty`,
      EXIT.invalidInput,
    );
  return value;
}

export function resolveUrl(ref: UrlRef, role: string, env: Env): string {
  if ('literal' in ref) return ref.literal;
  const value = env[ref.env];
  if (!value)
    throw new MasqError(
      `error MASQ031: the ${role} connection comes from ${ref.env}, which is not set (or pass --${role} URL)`,
      EXIT.invalidInput,
    );
  return value;
}
