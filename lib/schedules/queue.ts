import type { Sql } from "@/lib/db/sql";
import { tasks } from "@/lib/jobs/tasks";
import { SCHEDULES_CHANNEL } from "./alarm";

export const scheduleJobKey = (scheduleId: string) => `schedule:${scheduleId}`;

/**
 * Makes the schedule's one job match its row, in the caller's transaction: active with a next run
 * → the job for that tick (replacing any other, so editing moves it at once); otherwise no job.
 */
export async function syncScheduleJob(
  sql: Sql,
  schedule: { id: string; isActive: boolean; nextRunAt: Date | null },
): Promise<void> {
  if (schedule.isActive && schedule.nextRunAt) {
    await sql.query(
      `SELECT 1 AS added FROM graphile_worker.add_job($1, json_build_object('scheduleId', $2::text, 'at', $3::text),
         run_at => $4::timestamptz, max_attempts => $6::int, job_key => $5, job_key_mode => 'replace')`,
      [
        tasks.fireSchedule.name,
        schedule.id,
        schedule.nextRunAt.toISOString(),
        schedule.nextRunAt,
        scheduleJobKey(schedule.id),
        tasks.fireSchedule.maxAttempts,
      ],
    );
  } else {
    await sql.query("SELECT 1 AS removed FROM graphile_worker.remove_job($1)", [scheduleJobKey(schedule.id)]);
  }
  await sql.query(`SELECT 1 AS notified FROM pg_notify('${SCHEDULES_CHANNEL}', $1)`, [schedule.id]);
}
