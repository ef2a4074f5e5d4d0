import type { SecretRef } from '../../ir/plan.js';
import { BLOCK_TAG, withDollarTags } from './dollar-tags.js';
import { literal } from './quote.js';
import { secretSetting, secretVariable } from './secrets-sql.js';
import { fragment } from './sql-fragment.js';
import type { SqlFragment } from './sql-fragment.js';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * How the psql script gets secret `index`: psql reads it itself (`\getenv`, or `cat` of its
 * file), so it is on no command line, where `ps` would show it. A `-v` given on the command line
 * still wins, for scripts written before.
 */
export interface PsqlSecret {
  readonly variable: string;
  /** `:{?var}`: whether the psql variable is set. */
  readonly defined: SqlFragment;
  /** The meta-command(s) that set the variable from the environment or the file. */
  readonly read: SqlFragment;
  /** Stops the script: the variable is still unset. */
  readonly refuse: SqlFragment;
  /** One line of the header: where this secret comes from. */
  readonly from: string;
}

export function psqlSecret(ref: SecretRef, index: number): PsqlSecret {
  const variable = secretVariable(index);
  const fallback = `run psql with -v ${variable}=... (which shows it in ps)`;
  if ('env' in ref && !ENV_NAME.test(ref.env))
    throw new Error(`secret ${index} names the environment variable "${ref.env}": not a name`);
  return {
    variable,
    defined: fragment(`:{?${variable}}`),
    read: fragment(
      'env' in ref
        ? `\\getenv ${variable} ${ref.env}`
        : `\\set ${variable}_file ${psqlQuote(ref.file)}\n  \\set ${variable} \`cat :'${variable}_file'\``,
    ),
    refuse: raise(
      'env' in ref
        ? `${variable} is not set: export ${ref.env}, or ${fallback}`
        : `${variable} is not set: psql could not read ${ref.file}; or ${fallback}`,
    ),
    from: 'env' in ref ? `$${ref.env}` : ref.file,
  };
}

/** A DO block refusing to go on when any secret the session settings hold is empty. */
export function refuseEmptySecrets(refs: readonly SecretRef[]): SqlFragment {
  const checks = refs.map((ref, i) => {
    const from = 'env' in ref ? ref.env : ref.file;
    return `  IF coalesce(current_setting('${secretSetting(i)}', true), '') = '' THEN RAISE EXCEPTION '%', ${literal(`the secret ${secretVariable(i)} (from ${from}) is empty`)}; END IF;`;
  });
  return fragment(withDollarTags(`DO ${BLOCK_TAG} BEGIN\n${checks.join('\n')}\nEND ${BLOCK_TAG}`));
}

function raise(message: string): SqlFragment {
  return fragment(
    withDollarTags(
      `DO ${BLOCK_TAG} BEGIN RAISE EXCEPTION '%', ${literal(message)}; END ${BLOCK_TAG}`,
    ),
  );
}

/**
 * A psql meta-command argument in single quotes: `''` and `\\` stand for themselves, and line
 * breaks are written as escapes, since a raw one would end the meta-command and start another.
 */
function psqlQuote(text: string): string {
  const escaped = text
    .replaceAll('\\', '\\\\')
    .replaceAll("'", "''")
    .replaceAll('\n', '\\n')
    .replaceAll('\r', '\\r');
  return `'${escaped}'`;
}
