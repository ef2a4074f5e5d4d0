import type { Connection } from '../db/connection.js';
import type { Reporter } from './progress.js';
import type { Env } from './resolve-refs.js';

/** What a run of a plan is given besides the plan: where, with what, and how to report. */
export interface RunPlanOptions {
  readonly sourceUrl: string;
  readonly targetUrl: string;
  readonly env: Env;
  readonly batchSize?: number;
  /** Connections per table, each copying a part of its key range (servers only). */
  readonly jobs?: number;
  readonly report?: Reporter;
  /** Already open connections by URL (the demo's embedded database), used instead of opening. */
  readonly open?: ReadonlyMap<string, Connection>;
  /** Waits before each new attempt after a transient failure (default RETRY_DELAYS_MS). */
  readonly retryDelaysMs?: readonly number[];
}
