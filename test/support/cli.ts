import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess, SpawnSyncReturns } from 'node:child_process';

/** The built CLI, run as a user would (test/support/global-setup.ts rebuilds a stale dist/). */
export const CLI = ['bin/masq.js'];

export function masq(args: string[], env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [...CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
}

export function masqAsync(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, [...CLI, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export { NO_PSQL } from './needs.js';

/**
 * Starts `masq run … --json` and SIGKILLs it once it has reported `batches` batches (or lets
 * it finish, if it has fewer); resolves with the exited child.
 */
export async function runUntilKilled(
  args: string[],
  env: NodeJS.ProcessEnv,
  batches: number,
): Promise<ChildProcess> {
  const child = masqAsync(args, env);
  let seen = 0;
  await new Promise<void>((resolve) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk
        .toString()
        .split('\n')
        .filter((l) => l.includes('"kind":"batch"')).length;
      if (seen >= batches && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', () => resolve());
  });
  return child;
}
