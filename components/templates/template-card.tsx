import Link from "next/link";
import { KindBadge } from "@/components/ui/kind-badge";
import { TableHead } from "@/components/ui/table-head";
import { NewWorkflowDialog } from "@/components/workflows/new-workflow-dialog";
import { isAuthoredKind } from "@/lib/templates/draft";
import type { TemplateResponse } from "@/lib/templates/schema";

function formatDefault(value: unknown): string {
  if (value === undefined) return "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** How often the template ran to an outcome in the kept history (recounted hourly). */
function usage({ usageCount, successCount }: TemplateResponse): string {
  if (usageCount === 0) return "Not run yet.";
  const runs = usageCount === 1 ? "1 run" : `${usageCount.toLocaleString("en")} runs`;
  return `${runs} · ${Math.round((successCount / usageCount) * 100)} % completed`;
}

export function TemplateCard({ template }: { template: TemplateResponse }) {
  return (
    <article
      aria-labelledby={`template-${template.templateId}`}
      className="rounded-lg border border-slate-200 bg-white p-5"
    >
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h3 id={`template-${template.templateId}`} className="font-semibold">
            {template.name}
          </h3>
          <p className="break-all font-mono text-xs text-slate-500">{template.templateId}</p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <KindBadge kind={template.kind} />
          {isAuthoredKind(template.kind) && (
            <Link
              href={
                template.canEdit
                  ? `/templates/${template.templateId}/edit`
                  : `/templates/new?from=${template.templateId}`
              }
              className="rounded-md px-2.5 py-1 text-xs font-medium text-indigo-700 hover:bg-indigo-50"
            >
              {template.canEdit ? "Edit" : "Duplicate to edit"}
            </Link>
          )}
          {template.isActive && <NewWorkflowDialog template={template} />}
        </div>
      </header>
      <p className="mt-2 text-sm text-slate-600">{template.description}</p>
      <p className="mt-1 text-xs text-slate-500" data-testid="template-usage">
        {usage(template)}
      </p>

      <h4 className="mt-4 text-xs font-semibold uppercase tracking-wide text-slate-500">Parameters</h4>
      {template.parameters.length === 0 ? (
        <p className="mt-1 text-sm text-slate-500">None.</p>
      ) : (
        <table className="mt-1 w-full text-left text-sm">
          <TableHead
            columns={["Name", "Type", "Required", "Default"]}
            className="text-xs text-slate-500"
            cellClassName="py-1 font-medium"
          />
          <tbody>
            {template.parameters.map((parameter) => (
              <tr key={parameter.name} className="border-t border-slate-100" title={parameter.description}>
                <td className="py-1 font-mono text-xs">{parameter.name}</td>
                <td className="py-1 font-mono text-xs text-slate-600">
                  {parameter.enum ? parameter.enum.join(" | ") : parameter.type}
                </td>
                <td className="py-1 text-xs">{parameter.required ? "required" : "optional"}</td>
                <td className="max-w-40 truncate py-1 font-mono text-xs text-slate-600">
                  {formatDefault(parameter.default)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h4 className="mt-4 text-xs font-semibold uppercase tracking-wide text-slate-500">Outputs</h4>
      <ul className="mt-1 flex flex-wrap gap-1.5">
        {template.outputs.map((output) => (
          <li
            key={output.name}
            className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700"
          >
            {output.name}: <span className="text-slate-600">{output.type}</span>
          </li>
        ))}
      </ul>
    </article>
  );
}
