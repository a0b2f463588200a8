import Link from "next/link";
import { runStatuses, runTriggers } from "@/lib/statuses";

const field = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

/** The run history's filters: a plain GET form, so filtered views are links that can be shared. */
export function HistoryFilters({ values }: { values: Record<string, string> }) {
  return (
    <form
      method="get"
      action="/executions"
      aria-label="Filter runs"
      className="mb-4 flex flex-wrap items-end gap-3 text-sm"
    >
      <label className="flex flex-col gap-0.5">
        <span className="text-xs text-slate-600">Composition</span>
        <input
          name="composition"
          defaultValue={values.composition}
          placeholder="Name or id"
          className={`${field} w-56`}
        />
      </label>
      <label className="flex flex-col gap-0.5">
        <span className="text-xs text-slate-600">Status</span>
        <select name="status" defaultValue={values.status ?? ""} className={field}>
          <option value="">Any</option>
          {runStatuses.map((status) => (
            <option key={status}>{status}</option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-0.5">
        <span className="text-xs text-slate-600">Trigger</span>
        <select name="trigger" defaultValue={values.trigger ?? ""} className={field}>
          <option value="">Any</option>
          {runTriggers.map((trigger) => (
            <option key={trigger}>{trigger}</option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-0.5">
        <span className="text-xs text-slate-600">From</span>
        <input type="date" name="from" defaultValue={values.from} className={field} />
      </label>
      <label className="flex flex-col gap-0.5">
        <span className="text-xs text-slate-600">To</span>
        <input type="date" name="to" defaultValue={values.to} className={field} />
      </label>
      <button
        type="submit"
        className="rounded-md bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-500"
      >
        Filter
      </button>
      <Link href="/executions" className="px-1 py-1.5 text-slate-600 hover:underline">
        Clear
      </Link>
    </form>
  );
}
