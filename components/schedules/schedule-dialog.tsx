"use client";
import Link from "next/link";
import { useDeferredValue, useRef, useState } from "react";
import { DateTime } from "@/components/date-time";
import { formatInstant } from "@/components/format-instant";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { JsonInput } from "@/components/ui/fields";
import { useCompositionSchedules, useScheduleChanges, useSchedulePreview } from "@/lib/queries/schedules";
import type { missedRunPolicies, overlapPolicies } from "@/lib/schedules/schema";
import type { ScheduleResponse } from "@/lib/schedules/service";

type OverlapPolicy = (typeof overlapPolicies)[number];
type MissedRunPolicy = (typeof missedRunPolicies)[number];

const field = "mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm";
const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : ["UTC"];
const knownZones = new Set([...zones, "UTC"]);

/**
 * "Schedule…": a cron expression and time zone with their meaning and next runs shown live (from
 * the server's preview), the run parameters, and the overlap and missed-run policies. Given an
 * existing `schedule`, the same dialog edits it ("Edit…", saved with PATCH).
 */
export function ScheduleDialog({
  target,
  globalParameters,
  disabledReason,
  schedule,
  onSaved,
}: {
  /** What runs: a composition (with run parameters) or a workflow (with its saved parameters). */
  target: { compositionId: string } | { workflowId: string };
  globalParameters: Record<string, unknown> | null;
  disabledReason: string | null;
  schedule?: ScheduleResponse;
  onSaved?: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [cronExpression, setCron] = useState(schedule?.cronExpression ?? "0 9 * * 1-5");
  // A new schedule: UTC until the dialog first opens, then the browser's zone (the server renders
  // this too). An existing one keeps its zone.
  const [timezone, setTimezone] = useState(schedule?.timezone ?? "UTC");
  // What is typed in the zone field; the schedule's zone follows it only once it names a real zone.
  const [zoneText, setZoneText] = useState(schedule?.timezone ?? "UTC");
  const chooseZone = (text: string) => {
    setZoneText(text);
    if (knownZones.has(text)) setTimezone(text);
  };
  const zonePending = !knownZones.has(zoneText);
  const zoneChosen = useRef(Boolean(schedule));
  const [parameters, setParameters] = useState<unknown>(schedule?.parameters ?? globalParameters ?? {});
  const [name, setName] = useState(schedule?.name ?? "");
  const [overlapPolicy, setOverlap] = useState<OverlapPolicy>(schedule?.overlapPolicy ?? "skip");
  const [missedRunPolicy, setMissed] = useState<MissedRunPolicy>(schedule?.missedRunPolicy ?? "skip");
  const preview = useSchedulePreview({
    cronExpression: useDeferredValue(cronExpression),
    timezone: useDeferredValue(timezone),
  });
  const { save } = useScheduleChanges();
  const submit = () => {
    const fields = {
      name,
      cronExpression,
      timezone,
      // Any JSON may be typed; the server answers a clear 400 when it is not an object.
      ...(globalParameters ? { parameters: parameters as Record<string, unknown> } : {}),
      overlapPolicy,
      missedRunPolicy,
    };
    save.mutate(schedule ? { id: schedule.id, fields } : { create: { ...target, ...fields } }, {
      onSuccess: () => onSaved?.(),
    });
  };
  const saved = save.data && (
    <>
      {schedule ? "Saved" : "Scheduled"}. Next run: <DateTime iso={save.data.nextRunAt} fallback="never" />.
    </>
  );

  return (
    <>
      <button
        type="button"
        disabled={disabledReason !== null}
        title={disabledReason ?? (schedule ? "Change this schedule" : "Run this composition on a schedule")}
        onClick={() => {
          save.reset();
          if (!zoneChosen.current) chooseZone(Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC");
          zoneChosen.current = true;
          setOpen(true);
        }}
        className={
          schedule
            ? "font-medium text-indigo-700 hover:underline"
            : "rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-40"
        }
      >
        {schedule ? "Edit…" : "Schedule…"}
      </button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        label={schedule ? "Edit schedule" : "Schedule"}
        heading={schedule ? "Edit the schedule" : "Run on a schedule"}
        width="lg"
      >
        {!schedule && "compositionId" in target && open && (
          <ExistingSchedules compositionId={target.compositionId} />
        )}
        <div className="mt-3 grid grid-cols-2 gap-3 text-left text-sm">
          <label className="col-span-2">
            Cron expression{" "}
            <span className="text-xs text-slate-500">(5 fields, or 6 with seconds first)</span>
            <input
              value={cronExpression}
              onChange={(event) => setCron(event.target.value)}
              className={`${field} font-mono`}
            />
          </label>
          <label className="col-span-2">
            Time zone
            <input
              list="time-zones"
              value={zoneText}
              onChange={(event) => chooseZone(event.target.value)}
              aria-invalid={zonePending}
              aria-describedby="time-zone-hint"
              placeholder="Type to search, e.g. Berlin"
              className={field}
            />
            {zonePending && (
              <span id="time-zone-hint" className="mt-1 block text-xs text-amber-700">
                Pick a zone from the list (like Europe/Berlin); the schedule keeps {timezone} until then.
              </span>
            )}
            <datalist id="time-zones">
              {zones.map((zone) => (
                <option key={zone} value={zone} />
              ))}
            </datalist>
          </label>
          <output aria-label="Schedule preview" className="col-span-2 rounded-md bg-slate-50 p-2 text-xs">
            {preview.isPending && "…"}
            {preview.error && <span className="text-red-700">{preview.error.message}</span>}
            {preview.data && (
              <>
                <strong className="block text-sm">{preview.data.description}</strong>
                Next runs:
                <ol className="mt-1 font-mono">
                  {preview.data.nextRuns.map((run) => (
                    <li key={run}>
                      {formatInstant(run, timezone)} ({timezone})
                    </li>
                  ))}
                </ol>
              </>
            )}
          </output>
          <label>
            If still running
            <select
              value={overlapPolicy}
              onChange={(event) => setOverlap(event.target.value as OverlapPolicy)}
              className={field}
            >
              <option value="skip">skip the tick</option>
              <option value="allow">start anyway</option>
            </select>
          </label>
          <label>
            After downtime
            <select
              value={missedRunPolicy}
              onChange={(event) => setMissed(event.target.value as MissedRunPolicy)}
              className={field}
            >
              <option value="skip">skip missed ticks</option>
              <option value="run_once">run once for them</option>
            </select>
          </label>
          <label className="col-span-2">
            Name <span className="text-xs text-slate-500">(optional)</span>
            <input value={name} onChange={(event) => setName(event.target.value)} className={field} />
          </label>
          {globalParameters && (
            <div className="col-span-2">
              Run parameters
              <JsonInput label="Schedule parameters" value={parameters} rows={3} onChange={setParameters} />
            </div>
          )}
        </div>
        {save.error && (
          <p role="alert" className="mt-3 rounded bg-red-50 px-3 py-2 text-sm text-red-800">
            {save.error.message}
          </p>
        )}
        {saved && (
          <p role="status" className="mt-3 rounded bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
            {saved}
          </p>
        )}
        <div className="mt-4 flex justify-end gap-2">
          <Button variant="quiet" onClick={() => setOpen(false)}>
            Close
          </Button>
          <Button
            variant="primary"
            // A schedule created here is not created again by a second click.
            disabled={
              save.isPending || (!schedule && save.isSuccess) || Boolean(preview.error) || zonePending
            }
            onClick={submit}
          >
            {save.isPending
              ? "Saving…"
              : schedule
                ? "Save changes"
                : save.isSuccess
                  ? "Created ✓"
                  : "Create schedule"}
          </Button>
        </div>
      </Dialog>
    </>
  );
}

/** A composition's schedules, shown before another is made: a twin of an active one is refused. */
function ExistingSchedules({ compositionId }: { compositionId: string }) {
  const schedules = useCompositionSchedules(compositionId);
  if (!schedules.data?.length) return null;
  return (
    <section aria-label="Existing schedules" className="mt-3 rounded-md border border-slate-200 p-2 text-xs">
      <p className="mb-1 font-medium text-slate-600">
        This composition has{" "}
        {schedules.data.length === 1 ? "a schedule" : `${schedules.data.length} schedules`} (
        <Link href="/schedules" className="text-indigo-700 hover:underline">
          manage {schedules.data.length === 1 ? "it" : "them"}
        </Link>
        ):
      </p>
      <ul className="space-y-0.5">
        {schedules.data.map((existing) => (
          <li key={existing.id}>
            <span className="font-mono">{existing.cronExpression}</span> ({existing.timezone})
            {existing.name && ` · ${existing.name}`} ·{" "}
            {existing.isActive ? (
              <>
                next <DateTime iso={existing.nextRunAt} fallback="never" />
              </>
            ) : (
              <span className="text-slate-500">paused</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
