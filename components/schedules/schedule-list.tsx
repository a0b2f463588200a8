"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { StatusBadge } from "@/components/canvas/run-status";
import { DateTime } from "@/components/date-time";
import { NotificationsDialog } from "@/components/notifications/rules-dialog";
import { BackfillDialog } from "@/components/schedules/backfill-dialog";
import { ScheduleDialog } from "@/components/schedules/schedule-dialog";
import { ConfirmDelete } from "@/components/ui/confirm-delete";
import { TableHead } from "@/components/ui/table-head";
import { useScheduleChanges } from "@/lib/queries/schedules";
import type { ScheduleResponse } from "@/lib/schedules/service";

/** Every schedule with its next run, last run and an on/off switch; changes refresh the page. */
export function ScheduleList({ schedules }: { schedules: ScheduleResponse[] }) {
  const router = useRouter();
  const { toggle, remove } = useScheduleChanges();
  const refreshPage = { onSuccess: () => router.refresh() };
  const failure = toggle.error ?? remove.error;
  return (
    <>
      {failure && (
        <p role="alert" className="mb-3 rounded bg-red-50 px-3 py-2 text-sm text-red-800">
          {failure.message}
        </p>
      )}
      <table
        aria-label="Schedules"
        className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-left text-sm"
      >
        <TableHead
          columns={["Composition", "When", "Next run", "Last run", "Active", ""]}
          className="bg-slate-50 text-xs text-slate-500"
          cellClassName="px-4 py-2 font-medium"
        />
        <tbody>
          {schedules.map((schedule) => (
            <tr
              key={schedule.id}
              aria-label={schedule.name || schedule.composition?.name || schedule.workflow?.name}
              className="border-t border-slate-100 align-top text-xs"
            >
              <td className="px-4 py-2">
                {schedule.composition && (
                  <Link
                    href={`/compositions/${schedule.composition.compositionId}`}
                    className="font-medium hover:underline"
                  >
                    {schedule.composition.name}
                  </Link>
                )}
                {schedule.workflow && (
                  <Link href={`/workflows/${schedule.workflow.id}`} className="font-medium hover:underline">
                    {schedule.workflow.name} <span className="font-normal text-slate-500">(workflow)</span>
                  </Link>
                )}
                {schedule.name && <span className="block text-slate-500">{schedule.name}</span>}
              </td>
              <td className="px-4 py-2">
                {schedule.description}
                <span className="block font-mono text-[11px] text-slate-500">
                  {schedule.cronExpression} · {schedule.timezone}
                </span>
              </td>
              <td className="px-4 py-2 tabular-nums">
                {schedule.isActive ? <DateTime iso={schedule.nextRunAt} /> : "off"}
              </td>
              <td className="px-4 py-2">
                {schedule.lastRun ? (
                  <Link
                    // A workflow's runs are listed, with their results, on its page.
                    href={
                      schedule.workflow
                        ? `/workflows/${schedule.workflow.id}`
                        : `/executions/${schedule.lastRun.id}`
                    }
                    aria-label="Last run"
                  >
                    <StatusBadge status={schedule.lastRun.status} />
                  </Link>
                ) : (
                  "never"
                )}
                {schedule.lastError && (
                  <p role="alert" className="mt-1 max-w-64 text-amber-800">
                    ⚠ The tick of <DateTime iso={schedule.lastError.at} /> was not run:{" "}
                    {schedule.lastError.message}
                  </p>
                )}
              </td>
              <td className="px-4 py-2">
                <button
                  type="button"
                  role="switch"
                  aria-checked={schedule.isActive}
                  aria-label="Active"
                  disabled={!schedule.canEdit || toggle.isPending}
                  onClick={() => toggle.mutate(schedule, refreshPage)}
                  className={`rounded-full px-2 py-0.5 font-medium disabled:opacity-50 ${schedule.isActive ? "bg-emerald-100 text-emerald-800" : "bg-slate-200 text-slate-600"}`}
                >
                  {schedule.isActive ? "● on" : "○ off"}
                </button>
              </td>
              <td className="px-4 py-2">
                <div className="flex flex-wrap items-center justify-end gap-x-3 gap-y-1">
                  {schedule.canEdit && (
                    <ScheduleDialog
                      schedule={schedule}
                      target={
                        schedule.composition
                          ? { compositionId: schedule.composition.id }
                          : { workflowId: schedule.workflowId! }
                      }
                      globalParameters={schedule.composition ? schedule.parameters : null}
                      disabledReason={null}
                      onSaved={() => router.refresh()}
                    />
                  )}
                  {schedule.canEdit && schedule.composition && <BackfillDialog scheduleId={schedule.id} />}
                  <NotificationsDialog target={{ scheduleId: schedule.id }} size="sm" />
                  {schedule.canEdit && (
                    <ConfirmDelete
                      name={
                        schedule.name ||
                        `the schedule of ${schedule.composition?.name ?? schedule.workflow?.name}`
                      }
                      onConfirm={() => remove.mutate(schedule.id, refreshPage)}
                      alsoGone=" (its past runs stay)"
                    />
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
