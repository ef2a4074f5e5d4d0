/** What the executor reports as it goes; the CLI turns these into a bar or JSON lines. */
export type RunEvent =
  | {
      readonly kind: 'table-start';
      readonly table: string;
      readonly estimate: number | null;
      readonly resumedRows: number;
      /** Why a table that had progress is filled again from the start; null otherwise. */
      readonly startedOver: string | null;
    }
  | {
      readonly kind: 'batch';
      readonly table: string;
      readonly rows: number;
      readonly totalRows: number;
      readonly seconds: number;
    }
  | {
      /** How this run reads the source: from one exported snapshot (a server), or batch by
       *  batch (PGlite: one session). A resumed run reads a new snapshot, not the first one's. */
      readonly kind: 'snapshot';
      readonly exported: boolean;
      readonly resumed: boolean;
    }
  | {
      /** A transient failure (lost session, serialization failure…): trying again after a wait. */
      readonly kind: 'retry';
      readonly attempt: number;
      readonly of: number;
      readonly reason: string;
      readonly waitSeconds: number;
    }
  | {
      readonly kind: 'table-done';
      readonly table: string;
      /** Rows the target table holds: `copied` plus those of earlier runs it resumed. */
      readonly rows: number;
      /** Rows this run copied: what a rate is computed from. */
      readonly copied: number;
      readonly seconds: number;
      readonly skipped: boolean;
    };

export type Reporter = (event: RunEvent) => void;

export interface TableSummary {
  readonly table: string;
  readonly rows: number;
  /** Rows this run copied (a resumed or skipped table holds more). */
  readonly copied: number;
  readonly seconds: number;
  readonly skipped: boolean;
}

export interface RunSummary {
  readonly tables: readonly TableSummary[];
  readonly rows: number;
  readonly copied: number;
  readonly seconds: number;
}
