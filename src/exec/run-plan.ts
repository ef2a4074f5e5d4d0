import type { Plan } from '../ir/plan.js';
import { EXIT, isTransient, MasqError, rerunHint } from './errors.js';
import type { RunSummary } from './progress.js';
import { resolveSecret } from './resolve-refs.js';
import type { RunPlanOptions } from './run-options.js';
import { runPostgresPlan } from './run-postgres-plan.js';
import { knownSecrets } from '../secrets/scrubber.js';

export type { RunPlanOptions } from './run-options.js';

/** Back-off between attempts: about 8 s in all before masq gives up. */
export const RETRY_DELAYS_MS: readonly number[] = [250, 500, 1000, 2000, 4000];

/**
 * Runs the plan, and after a transient failure (a lost session, a serialization failure: see
 * isTransient) opens new sessions and runs it again, which resumes from the last committed
 * batch of every table, as a rerun by the user would. Other failures stop at once.
 */
export async function runPlan(plan: Plan, options: RunPlanOptions): Promise<RunSummary> {
  // Connections handed in cannot be opened again: nothing to retry with.
  const delays = options.open?.size ? [] : (options.retryDelaysMs ?? RETRY_DELAYS_MS);
  for (let attempt = 0; ; attempt++) {
    try {
      return await runOnce(plan, options);
    } catch (e) {
      const wait = delays[attempt];
      // A database error outside a batch (preparing the target, recording parts) is no bug of
      // masq's: it gets the same telling message and hint as a batch's.
      if (!isTransient(e)) throw e instanceof MasqError ? e : gaveUp(e, attempt + 1);
      if (wait === undefined) throw gaveUp(e, attempt + 1);
      options.report?.({
        kind: 'retry',
        attempt: attempt + 1,
        of: delays.length,
        reason: (e as Error).message.split('\n')[0] ?? '',
        waitSeconds: wait / 1000,
      });
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

function gaveUp(e: unknown, attempts: number): MasqError {
  const message = (e as Error).message;
  const tried = attempts > 1 ? `\n(stopped after ${attempts} attempts)` : '';
  if (e instanceof MasqError) return new MasqError(message + tried, e.exitCode, { cause: e });
  return new MasqError(`the run stopped: ${message}\n${rerunHint(e)}${tried}`, EXIT.runtime, {
    cause: e,
  });
}

/** How each engine runs a plan once: opens its databases, checks them, copies. */
export type EngineRun = (
  plan: Plan,
  secrets: readonly string[],
  options: RunPlanOptions,
) => Promise<RunSummary>;

const RUNS: Readonly<Record<Plan['source']['engine'], EngineRun>> = {
  postgres: runPostgresPlan,
};

/** One attempt: the secrets resolved (and known to the scrubber), then the engine's run. */
async function runOnce(plan: Plan, options: RunPlanOptions): Promise<RunSummary> {
  const secrets = plan.secrets.map((s) => resolveSecret(s, options.env));
  for (const secret of secrets) knownSecrets.addSecret(secret);
  return RUNS[plan.source.engine](plan, secrets, options);
}
