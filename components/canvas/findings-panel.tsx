"use client";
import { useState } from "react";
import type { Finding } from "@/lib/compositions/validation/findings";

/**
 * The composition's findings; choosing one focuses the node or connection it names. The heading
 * folds the list away, so a long list never hides the form above it.
 */
export function FindingsPanel({
  findings,
  empty = false,
  onSelect,
}: {
  findings: Finding[];
  /** The composition has no nodes: nothing to run, whatever the (not yet computed) findings say. */
  empty?: boolean;
  onSelect: (finding: Finding) => void;
}) {
  const [open, setOpen] = useState(true);
  return (
    <aside aria-label="Findings" className="overflow-y-auto border-l border-slate-200 p-3">
      <h2 className="text-sm font-semibold">
        <button
          type="button"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
          title={open ? "Fold the findings away" : "Show the findings"}
          className="flex w-full items-center gap-1 text-left"
        >
          <span aria-hidden className="w-3 text-slate-500">
            {open ? "▾" : "▸"}
          </span>
          Findings <span className="font-normal text-slate-500">({findings.length})</span>
        </button>
      </h2>
      {!open ? null : empty && findings.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">Nothing to run yet: add a node from the palette.</p>
      ) : findings.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">Nothing to fix: this composition can run.</p>
      ) : (
        <ul className="mt-2 space-y-2">
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
