"use client";
import type { Finding } from "@/lib/compositions/validation/findings";

/** The composition's findings; choosing one focuses the node or connection it names. */
export function FindingsPanel({
  findings,
  onSelect,
}: {
  findings: Finding[];
  onSelect: (finding: Finding) => void;
}) {
  return (
    <aside aria-label="Findings" className="overflow-y-auto border-l border-slate-200 p-3">
      <h2 className="mb-2 text-sm font-semibold">
        Findings <span className="font-normal text-slate-500">({findings.length})</span>
      </h2>
      {findings.length === 0 ? (
        <p className="text-sm text-slate-600">Nothing to fix: this composition can run.</p>
      ) : (
        <ul className="space-y-2">
          {findings.map((finding) => (
            <li
              key={`${finding.code}|${finding.nodeId ?? ""}|${finding.connectionId ?? ""}|${finding.param ?? ""}|${finding.message}`}
            >
              <button
                type="button"
                onClick={() => onSelect(finding)}
                className="w-full rounded-md border border-amber-200 bg-amber-50 p-2 text-left text-xs hover:border-amber-400"
              >
                <span className="font-mono text-[11px] text-amber-800">{finding.code}</span>
                <span className="mt-0.5 block text-slate-800">{finding.message}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
