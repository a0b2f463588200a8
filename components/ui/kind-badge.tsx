import type { TemplateKind } from "@/lib/templates/types";

const kinds: Record<TemplateKind, { label: string; icon: string; className: string }> = {
  sql: { label: "SQL", icon: "⛁", className: "bg-sky-100 text-sky-800" },
  http: { label: "HTTP", icon: "⇄", className: "bg-violet-100 text-violet-800" },
  transform: { label: "Transform", icon: "ƒ", className: "bg-emerald-100 text-emerald-800" },
  delay: { label: "Delay", icon: "◷", className: "bg-amber-100 text-amber-800" },
  echo: { label: "Echo", icon: "↺", className: "bg-slate-200 text-slate-800" },
  results_sql: { label: "Query results", icon: "⊞", className: "bg-teal-100 text-teal-800" },
};

/** A template kind as icon and label (never colour alone). */
export function KindBadge({ kind }: { kind: TemplateKind }) {
  const { label, icon, className } = kinds[kind];
  return (
    <span className={`inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium ${className}`}>
      <span aria-hidden>{icon}</span>
      <span>{label}</span>
    </span>
  );
}
