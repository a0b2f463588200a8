import type { TemplateResponse } from "@/lib/templates/schema";

/** What a template runs, as text: its SQL, its request, or its expression (none for delay and echo). */
function definitionText(template: TemplateResponse): { label: string; text: string } | null {
  const definition = template.definition;
  switch (template.kind) {
    case "sql":
      return { label: "SQL", text: String(definition.sql ?? "") };
    case "transform":
      return { label: "Expression", text: String(definition.expression ?? "") };
    case "http": {
      const headers = Object.entries((definition.headers ?? {}) as Record<string, string>)
        .map(([name, value]) => `${name}: ${value}`)
        .join("\n");
      const body = definition.body === undefined ? "" : `\n\n${String(definition.body)}`;
      return {
        label: "Request",
        text: `${String(definition.method)} ${String(definition.url)}${headers ? `\n${headers}` : ""}${body}`,
      };
    }
    default:
      return null;
  }
}

/** The template's definition, read-only, folded under its name ("SQL", "Request", "Expression"). */
export function TemplateDefinition({ template }: { template: TemplateResponse }) {
  const shown = definitionText(template);
  if (!shown) return null;
  return (
    <details className="mt-2 text-xs">
      <summary className="cursor-pointer font-medium text-indigo-700">{shown.label}</summary>
      <section aria-label={`${template.name} ${shown.label}`}>
        <pre className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap rounded-md border border-slate-200 bg-slate-50 p-2 font-mono text-[11px] text-slate-800">
          {shown.text}
        </pre>
      </section>
    </details>
  );
}
