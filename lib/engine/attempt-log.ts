import type pg from "pg";
import type { LogLevel } from "@/lib/templates/kinds/types";

export type LogLine = { level: LogLevel; message: string; data?: unknown; at: Date };

/**
 * The log lines of one node attempt. They are written in batches while the attempt runs (with each
 * heartbeat), so an attempt whose worker is killed keeps what it logged; what is left at the end goes
 * with the attempt's outcome, in the same statement.
 */
export class AttemptLog {
  private readonly lines: LogLine[] = [];
  private written = 0;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly pool: pg.Pool,
    private readonly nodeExecutionId: string,
    private readonly executionId: string | null,
  ) {}

  add(level: LogLevel, message: string, data?: unknown): void {
    this.lines.push({ level, message, data, at: new Date() });
  }

  /** Writes the lines not written yet, one batch at a time; a failed batch is tried again with the next. */
  flush(): Promise<void> {
    this.writing = this.writing.then(async () => {
      const batch = this.lines.slice(this.written);
      if (!batch.length) return;
      await this.pool
        .query(
          `INSERT INTO execution_logs (workflow_execution_id, composition_execution_id, level, message, data, created_at)
           SELECT $1::uuid, $2::uuid, l.level, l.message, l.data, l.at
           FROM unnest($3::text[], $4::text[], $5::jsonb[], $6::timestamptz[]) AS l(level, message, data, at)`,
          [this.nodeExecutionId, this.executionId, ...columns(batch)],
        )
        .then(
          () => {
            this.written += batch.length;
          },
          () => {},
        );
    });
    return this.writing;
  }

  /** Waits for a batch under way, then hands over the lines still unwritten (for the outcome). */
  async rest(): Promise<LogLine[]> {
    await this.writing;
    const rest = this.lines.slice(this.written);
    this.written = this.lines.length;
    return rest;
  }
}

/** Log lines as the parallel arrays that `unnest` takes. */
export function columns(lines: LogLine[]): [string[], string[], (string | null)[], Date[]] {
  return [
    lines.map((line) => line.level),
    lines.map((line) => line.message),
    lines.map((line) => (line.data === undefined ? null : JSON.stringify(line.data))),
    lines.map((line) => line.at),
  ];
}
