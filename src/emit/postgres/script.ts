import type { Plan } from '../../ir/plan.js';
import type { PgProgram, UniqueCheck } from './program.js';
import { sessionSetupSql } from './program.js';
import { checkpointUsing } from './checkpoint.js';
import { secretsMarkSql } from './secrets-mark-sql.js';
import { secretSql, secretVariable } from './secrets-sql.js';
import { BLOCK_TAG, Q_TAG, withDollarTags } from './dollar-tags.js';
import { psqlSecret, refuseEmptySecrets } from './psql-secrets.js';
import { literal } from './quote.js';
import { fragment } from './sql-fragment.js';
import { postgresTemplates } from './templates.js';

/**
 * The psql script: the program's statements, with each table's batch loop in a DO block that
 * commits per batch, exactly as `masq run` drives them.
 */
export function renderScript(program: PgProgram, scriptFile: string): string {
  const render = postgresTemplates();
  const { plan } = program;
  // The same fingerprint masq run records, from the secrets the script put in session settings.
  const secretsMark = fragment(secretsMarkSql(plan.secrets.map((_, i) => secretSql(i))));
  const tables = program.tables.map((t) => {
    const loop = withDollarTags(
      render('table-loop', {
        name: t.plan.name,
        planHash: program.planHash,
        secretsMark,
        // A table batched by row address is one batch (key-sql.ts); NULL takes every row.
        batch: fragment(t.byRowAddress ? 'NULL::bigint' : String(plan.batchSize)),
        limit: t.plan.limit ?? null,
        byRowAddress: t.byRowAddress,
        advice: t.advice,
        q: fragment(Q_TAG),
        tag: fragment(BLOCK_TAG),
        readProgress: fragment(t.readProgress),
        discardProgress: fragment(t.discardProgress),
        emptyTarget: fragment(t.emptyTarget),
        nextBound: fragment(t.nextBound),
        insertBatch: fragment(t.insertBatch),
        saveProgress: fragment(t.saveProgress),
        saveUsing: fragment(
          checkpointUsing({
            table_name: literal(t.plan.name),
            part: '0',
            plan_hash: literal(program.planHash),
            secrets_mark: 'mark',
            last_key: 'coalesce(hi, lo)',
            rows: 'n',
            done: 'is_done',
            end_key: 'NULL::text[]',
          }),
        ),
        finish: fragment(t.finish),
      }),
    );
    return {
      name: t.plan.name,
      fusedFrom: t.plan.fusedFrom?.join(' + ') ?? null,
      createTable: fragment(t.createTable),
      loop: fragment(loop),
    };
  });
  return (
    render('script', {
      name: plan.name,
      planHash: program.planHash,
      specFile: plan.spec.file,
      scriptFile,
      tableCount: plan.tables.length,
      source: plan.source,
      target: plan.target,
      batchSize: plan.batchSize,
      hashMode: plan.hashMode,
      secrets: secretsView(plan),
      secretSources: plan.secrets.map((s) => ('env' in s ? `$${s.env}` : s.file)).join(', '),
      setupSession: fragment(sessionSetupSql(plan, (i) => `:'${secretVariable(i)}'`)),
      refuseEmptySecrets: refuseEmptySecrets(plan.secrets),
      uniqueChecks: program.tables.flatMap((t) =>
        t.uniqueChecks.map((check) => fragment(uniqueCheckBlock(t.plan.name, check))),
      ),
      lockTarget: fragment(program.lockTarget),
      bookkeeping: plan.bookkeeping,
      findOldProgress: fragment(program.findOldProgress),
      refuseOldProgress: fragment(
        withDollarTags(
          render('refuse-old-progress', {
            advice: program.oldProgressAdvice,
            tag: fragment(BLOCK_TAG),
          }),
        ),
      ),
      prepareTarget: fragment(program.prepareTarget),
      tables,
    }) + '\n'
  );
}

/** The pre-load check of a unique rule (program.ts), failing the script before it writes. */
function uniqueCheckBlock(table: string, check: UniqueCheck): string {
  // RAISE reads % as a placeholder: a name's own are doubled.
  const name = `${table}.${check.column}`.replaceAll('%', '%%');
  const message = `MASQ063: ${name}: % masked value(s) would be shared by distinct source values; nothing was written. Run under another salt, which masks every value anew`;
  return withDollarTags(
    `DO ${Q_TAG} DECLARE n bigint; BEGIN
  SELECT c.suspects::bigint INTO n FROM (${check.suspects}) AS c;
  IF n > 0 THEN
    SELECT c.collisions::bigint INTO n FROM (${check.collisions}) AS c;
    IF n > 0 THEN RAISE EXCEPTION ${literal(message)}, n; END IF;
  END IF;
END ${Q_TAG};`,
  );
}

function secretsView(plan: Plan) {
  return plan.secrets.map((s, i) => psqlSecret(s, i));
}
