"use client";
import { Button } from "@/components/ui/button";
import { inputClass, LabeledInput, ParameterInput } from "@/components/ui/fields";
import { KindBadge } from "@/components/ui/kind-badge";
import { TemplateDefinition } from "@/components/ui/template-definition";
import type { ParameterSpec } from "@/lib/templates/types";
import { useEditor, useEditorStore } from "./editor-context";
import { QueryField } from "./query-field";

const show = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

/** Where a parameter's value comes from when the node does not set it, as the input's placeholder. */
function fallback(spec: ParameterSpec, globals: Record<string, unknown>): string {
  if (globals[spec.name] !== undefined) return `global: ${show(globals[spec.name])}`;
  if (spec.default !== undefined) return `default: ${show(spec.default)}`;
  return spec.required ? "required" : "";
}

/** The selected node: its parameters (a form from the template's schema), condition and settings. */
export function Inspector({ nodeId, readOnly }: { nodeId: string; readOnly: boolean }) {
  const store = useEditorStore();
  // The node's data, not the node: dragging changes the node's position (a new node object per
  // frame) but not its data, and this form need not re-render while a node is dragged.
  const data = useEditor((state) => state.nodes.find((n) => n.id === nodeId)?.data);
  const edges = useEditor((state) => state.edges);
  const globals = useEditor((state) => state.settings.globalParameters);
  if (!data) return null;
  const template = data.template;
  const update = store.getState().updateNode;

  // Which connection feeds each parameter (shown read-only, with a link to its mapping).
  const feeds = new Map<string, { edgeId: string; text: string }>();
  for (const edge of edges) {
    if (edge.target !== nodeId) continue;
    for (const [param, field] of Object.entries(edge.data!.fieldMappings)) {
      feeds.set(param, {
        edgeId: edge.id,
        text: `${edge.source}.${field}${edge.data!.transformationRules[param] ? ` (${edge.data!.transformationRules[param]})` : ""}`,
      });
    }
  }
  const setOverride = (name: string, value: unknown) => {
    const { [name]: _, ...rest } = data.parameterOverrides;
    update(
      nodeId,
      { parameterOverrides: value === undefined ? rest : { ...rest, [name]: value } },
      `param:${name}`,
    );
  };
  const config = data.config as { maxRetries?: number; timeoutMs?: number };
  const setConfig = (key: keyof typeof config, text: string) => {
    const { [key]: _, ...rest } = config;
    update(nodeId, { config: text === "" ? rest : { ...rest, [key]: Number(text) } }, key);
  };

  return (
    <fieldset disabled={readOnly} aria-label={`Node ${nodeId}`} className="space-y-4">
      <header>
        <div className="flex items-center justify-between gap-2">
          <h2 className="truncate text-sm font-semibold">{template?.name ?? data.templateId}</h2>
          {template && <KindBadge kind={template.kind} />}
        </div>
        <p className="text-[11px] text-slate-500">
          <span className="font-mono">{nodeId}</span>
          {data.templateVersion !== undefined && ` · template version ${data.templateVersion}`}
        </p>
        <label className="mt-2 flex flex-col gap-1 text-xs">
          <span className="font-medium text-slate-600">Label</span>
          <input
            className="rounded-md border border-slate-300 px-2 py-1 text-sm"
            value={data.label}
            placeholder={template?.name ?? data.templateId}
            maxLength={200}
            onChange={(event) => update(nodeId, { label: event.target.value }, "label")}
          />
        </label>
        {template?.description && <p className="mt-1 text-xs text-slate-600">{template.description}</p>}
        {template && <TemplateDefinition template={template} />}
      </header>

      {data.newerVersion !== null && (
        <div
          role="status"
          className="space-y-1.5 rounded-md border border-sky-200 bg-sky-50 p-2 text-xs text-sky-900"
        >
          <p>
            Version {data.newerVersion} of this template is available; this node runs version{" "}
            {data.templateVersion}. Upgrading checks its mappings against the new version.
          </p>
          {!readOnly && (
            <Button size="sm" onClick={() => store.getState().upgradeNode(nodeId)}>
              Upgrade to version {data.newerVersion}
            </Button>
          )}
        </div>
      )}

      {data.findings.length > 0 && (
        <ul className="space-y-1">
          {data.findings.map((finding) => (
            <li
              key={`${finding.code}|${finding.param ?? ""}`}
              className="rounded bg-amber-50 p-1.5 text-xs text-amber-900"
            >
              ⚠ {finding.message}
            </li>
          ))}
        </ul>
      )}

      <section>
        <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Parameters</h3>
        {!template?.parameters.length && (
          <p className="text-xs text-slate-500">This template takes no parameters.</p>
        )}
        <div className="space-y-2.5">
          {template?.parameters.map((spec) => {
            const feed = feeds.get(spec.name);
            return (
              <div key={spec.name}>
                <div className="flex items-baseline justify-between gap-2 text-xs">
                  <span className="font-mono font-medium">
                    {spec.name}
                    {spec.required && <span className="text-red-600"> *</span>}
                  </span>
                  <span className="text-slate-500">{spec.type}</span>
                </div>
                {spec.description && <p className="text-[11px] text-slate-500">{spec.description}</p>}
                {feed ? (
                  <button
                    type="button"
                    onClick={() => store.getState().select({ edges: [feed.edgeId] })}
                    className="mt-0.5 w-full rounded-md border border-sky-200 bg-sky-50 px-2 py-1 text-left font-mono text-xs text-sky-900 hover:border-sky-400"
                    title="Mapped from a connection: edit it in the mapping editor"
                  >
                    ← {feed.text}
                  </button>
                ) : template.kind === "results_sql" && spec.name === "query" ? (
                  <QueryField
                    nodeId={nodeId}
                    value={
                      typeof data.parameterOverrides.query === "string" ? data.parameterOverrides.query : ""
                    }
                    onChange={(text) => setOverride("query", text || undefined)}
                  />
                ) : (
                  <div className="mt-0.5 flex gap-1">
                    <div className="min-w-0 flex-1">
                      <ParameterInput
                        spec={spec}
                        value={data.parameterOverrides[spec.name]}
                        placeholder={fallback(spec, globals)}
                        onChange={(value) => setOverride(spec.name, value)}
                      />
                    </div>
                    {data.parameterOverrides[spec.name] !== undefined && (
                      <button
                        type="button"
                        onClick={() => setOverride(spec.name, undefined)}
                        className="text-xs text-slate-500 hover:text-slate-900"
                        title="Clear: use the global or default value"
                      >
                        Clear
                      </button>
                    )}
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </section>

      <section className="space-y-1.5">
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={data.isConditional}
            onChange={(event) => update(nodeId, { isConditional: event.target.checked })}
          />
          Run only when a condition holds
        </label>
        {data.isConditional && (
          <textarea
            aria-label="Condition expression"
            value={data.conditionExpression ?? ""}
            rows={2}
            spellCheck={false}
            placeholder="JSONata over upstream nodes, e.g. campaigns.spend > 100"
            onChange={(event) =>
              update(nodeId, { conditionExpression: event.target.value || null }, "condition")
            }
            className={`${inputClass} font-mono text-xs`}
          />
        )}
      </section>

      <section className="grid grid-cols-2 gap-2 text-xs">
        <LabeledInput
          label="Retries"
          type="number"
          min={0}
          max={10}
          value={config.maxRetries ?? ""}
          placeholder="3"
          onChange={(event) => setConfig("maxRetries", event.target.value)}
        />
        <LabeledInput
          label="Timeout (ms)"
          type="number"
          min={1}
          value={config.timeoutMs ?? ""}
          placeholder="server default"
          onChange={(event) => setConfig("timeoutMs", event.target.value)}
        />
      </section>

      {!readOnly && (
        <button
          type="button"
          onClick={() => store.getState().deleteSelection()}
          className="text-xs font-medium text-red-700 hover:underline"
        >
          Delete node (Del)
        </button>
      )}
    </fieldset>
  );
}
