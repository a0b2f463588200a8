"use client";
import { type FormEvent, useState } from "react";
import { DateTime } from "@/components/date-time";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { LabeledInput } from "@/components/ui/fields";
import { plural } from "@/lib/plural";
import { useBackfills } from "@/lib/queries/backfills";
import type { BackfillResponse } from "@/lib/schedules/backfill-schema";

const field = "mt-1 block w-full min-w-0 rounded-md border border-slate-300 px-2 py-1.5 text-sm";

/** A datetime-local value (the viewer's zone) for an instant, and back. */
const local = (date: Date) =>
  new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
const instant = (value: string) => new Date(value).toISOString();

function Progress({ backfill }: { backfill: BackfillResponse }) {
  const { total, skipped, completed, failed, cancelled, running, remaining } = backfill.progress;
  const done = skipped + completed + failed + cancelled;
  return (
    <div>
      <div
        role="progressbar"
        aria-label="Backfill progress"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        className="h-2 overflow-hidden rounded bg-slate-100"
      >
        <div className="h-full bg-indigo-500" style={{ width: `${(100 * done) / total}%` }} />
      </div>
      <p className="mt-1 text-xs text-slate-600 tabular-nums">
        {done} of {plural(total, "tick")} done: {completed} completed, {failed} failed
        {cancelled ? `, ${cancelled} cancelled` : ""}
        {skipped ? `, ${skipped} run by the schedule already` : ""}; {running} running, {remaining} to start
      </p>
    </div>
  );
}

/** "Backfill…": run a schedule's ticks between two instants (each once), N at a time; pause, resume, cancel. */
export function BackfillDialog({ scheduleId }: { scheduleId: string }) {
  const [open, setOpen] = useState(false);
  const now = new Date();
  const [from, setFrom] = useState(local(new Date(now.getTime() - 24 * 3600_000)));
  const [to, setTo] = useState(local(now));
  const [concurrency, setConcurrency] = useState(5);
  const { backfills, create, control } = useBackfills(scheduleId, open);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ from: instant(from), to: instant(to), concurrency });
  };
  const failure = create.error ?? control.error ?? backfills.error;
  return (
    <>
      <Button size="sm" variant="quiet" onClick={() => setOpen(true)}>
        Backfill…
      </Button>
      <Dialog open={open} onOpenChange={setOpen} label="Backfill" heading="Backfill" width="lg">
        <p className="mt-1 text-sm text-slate-600">
          Runs every tick of this schedule between two moments as if it had fired then (marked backfill, each
          tick once: ticks the schedule ran already are not run again).
        </p>
        <form
          onSubmit={submit}
          aria-label="New backfill"
          className="mt-3 grid grid-cols-2 items-end gap-2 text-sm"
        >
          <LabeledInput
            label="From"
            className="min-w-0"
            inputClassName={field}
            type="datetime-local"
            required
            value={from}
            onChange={(e) => setFrom(e.target.value)}
          />
          <LabeledInput
            label="To"
            className="min-w-0"
            inputClassName={field}
            type="datetime-local"
            required
            value={to}
            onChange={(e) => setTo(e.target.value)}
          />
          <LabeledInput
            label="At a time"
            className="min-w-0"
            inputClassName={field}
            type="number"
            min={1}
            max={50}
            value={concurrency}
            onChange={(e) => setConcurrency(Number(e.target.value))}
          />
          <Button type="submit" variant="primary" className="justify-self-end" disabled={create.isPending}>
            {create.isPending ? "Starting…" : "Start"}
          </Button>
        </form>
        {failure && (
          <p role="alert" className="mt-2 text-sm text-red-700">
            {failure.message}
          </p>
        )}
        <ul className="mt-4 space-y-3">
          {backfills.data?.map((item) => (
            <li
              key={item.id}
              aria-label="Backfill"
              className="rounded-md border border-slate-200 p-3 text-sm"
            >
              <div className="mb-2 flex flex-wrap items-center gap-2">
                <span className="min-w-0 flex-1 text-xs text-slate-600">
                  <DateTime iso={item.from} /> → <DateTime iso={item.to} />, {item.concurrency} at a time ·{" "}
                  <strong className="font-medium text-slate-800">{item.status}</strong>
                </span>
                {item.status === "running" && (
                  <Button size="sm" onClick={() => control.mutate({ id: item.id, action: "pause" })}>
                    Pause
                  </Button>
                )}
                {item.status === "paused" && (
                  <Button size="sm" onClick={() => control.mutate({ id: item.id, action: "resume" })}>
                    Resume
                  </Button>
                )}
                {(item.status === "running" || item.status === "paused") && (
                  <Button
                    size="sm"
                    variant="dangerQuiet"
                    onClick={() => control.mutate({ id: item.id, action: "cancel" })}
                  >
                    Cancel
                  </Button>
                )}
              </div>
              <Progress backfill={item} />
              {item.lastError && <p className="mt-1 text-xs text-amber-800">Paused: {item.lastError}</p>}
            </li>
          ))}
        </ul>
      </Dialog>
    </>
  );
}
