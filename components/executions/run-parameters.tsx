import { compactJson } from "@/components/format-number";

/**
 * The parameters a run ran with, each global by name: the run's own value, or the value stored in
 * the composition when the run did not give one (marked "stored").
 */
export function RunParameters({
  values,
  given,
}: {
  values: Record<string, unknown>;
  given: Record<string, unknown>;
}) {
  const names = Object.keys(values);
  return (
    <section aria-label="Parameters" className="mb-3 flex flex-wrap items-baseline gap-x-3 gap-y-1 text-sm">
      <h2 className="text-xs font-medium tracking-wide text-slate-500 uppercase">Parameters</h2>
      {names.length === 0 && <span className="text-slate-500">none: every node ran with its own values</span>}
      {names.map((name) => (
        <span key={name} className="rounded bg-slate-100 px-2 py-0.5 font-mono text-xs">
          {name} = <strong className="font-semibold">{compactJson(values[name])}</strong>
          {!(name in given) && <span className="ml-1 font-sans text-slate-600">(stored)</span>}
        </span>
      ))}
    </section>
  );
}
