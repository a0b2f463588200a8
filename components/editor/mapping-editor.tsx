"use client";
import { inputClass } from "@/components/ui/fields";
import { nodeName, type TransformationRule, transformationRules } from "@/lib/compositions/schema";
import { ruleEffects, suggestedRule, yieldsRows } from "@/lib/compositions/validation/aggregation";
import { mappingTypeError } from "@/lib/compositions/validation/compatibility";
import { initialRule } from "@/lib/editor/graph";
import type { ValueType } from "@/lib/value-types";
import { useEditor, useEditorStore } from "./editor-context";
import { TableConnectionFields } from "./table-connection";

/** The rules under which a source field of type `source` fits a parameter of type `parameter`. */
const fittingRules = (source: ValueType, parameter: ValueType) =>
  transformationRules.filter((rule) => !mappingTypeError(source, rule, parameter));

/**
 * The selected connection: for every parameter of the target, a picker over the source's output
 * fields (those whose type cannot fit are disabled, with the reason), the transformation rule, and
 * whether the target needs this connection to run.
 */
export function MappingEditor({ edgeId, readOnly }: { edgeId: string; readOnly: boolean }) {
  const store = useEditorStore();
  const edge = useEditor((state) => state.edges.find((e) => e.id === edgeId));
  const source = useEditor((state) => state.nodes.find((n) => n.id === edge?.source));
  const target = useEditor((state) => state.nodes.find((n) => n.id === edge?.target));
  const edges = useEditor((state) => state.edges);
  const allFindings = useEditor((state) => state.findings);
  const nodeOutputs = useEditor((state) => state.nodeOutputs);
  if (!edge || !source || !target) return null;
  const otherFeeds = edges.filter((e) => e.target === edge.target && e.id !== edgeId);
  const findings = allFindings.filter((f) => f.connectionId === edgeId);
  const data = edge.data!;
  const outputs = nodeOutputs[source.id] ?? source.data.template?.outputs ?? [];
  const parameters = target.data.template?.parameters ?? [];
  const update = store.getState().updateEdge;

  const fromRows = Boolean(source.data.template && yieldsRows(source.data.template));
  // A table goes into a "Query results" node only, from a node that yields rows.
  const intoQuery = target.data.template?.kind === "results_sql" && (fromRows || data.kind === "table");
  const typeOf = (field: string) => outputs.find((output) => output.name === field)?.type ?? "json";
  const setRule = (param: string, rule: TransformationRule) =>
    update(edgeId, { transformationRules: { ...data.transformationRules, [param]: rule } });

  /**
   * Picking a field keeps a chosen rule that fits; otherwise it starts as `initialRule` says (rows
   * into one value: left to choose), else with the first rule under which the field fits.
   */
  const setField = (param: string, field: string) => {
    const { [param]: _, ...fieldMappings } = data.fieldMappings;
    const { [param]: __, ...transformationRules } = data.transformationRules;
    if (!field) return update(edgeId, { fieldMappings, transformationRules });
    const type = typeOf(field);
    const wanted = parameters.find((parameter) => parameter.name === param)!.type;
    const current = data.transformationRules[param];
    const fitting = fittingRules(type, wanted);
    const initial = initialRule(type, wanted, fromRows);
    const rule =
      current && fitting.includes(current)
        ? current
        : initial !== undefined
          ? initial
          : fromRows
            ? null
            : (fitting[0] ?? "first");
    update(edgeId, {
      fieldMappings: { ...fieldMappings, [param]: field },
      transformationRules: rule ? { ...transformationRules, [param]: rule } : transformationRules,
    });
  };

  return (
    <fieldset disabled={readOnly} aria-label="Mapping editor" className="space-y-3">
      <header>
        <h2 className="text-sm font-semibold">{data.kind === "table" ? "Table" : "Mapping"}</h2>
        <p className="font-mono text-xs text-slate-600">
          {nodeName(source.data)} → {nodeName(target.data)}
        </p>
      </header>
      {findings.map((finding) => (
        <p
          key={`${finding.code}|${finding.param ?? ""}`}
          className="rounded bg-amber-50 p-1.5 text-xs text-amber-900"
        >
          ⚠ {finding.message}
        </p>
      ))}
      {intoQuery && (
        <TableConnectionFields
          data={data}
          sourceName={nodeName(source.data)}
          columns={outputs}
          takenAliases={
            new Set(
              otherFeeds.flatMap((e) => (e.data!.kind === "table" && e.data!.alias ? [e.data!.alias] : [])),
            )
          }
          onChange={(patch) => update(edgeId, patch, "kind")}
        />
      )}
      {data.kind === "mapping" && parameters.length === 0 && (
        <p className="text-xs text-slate-500">{nodeName(target.data)} takes no parameters.</p>
      )}
      <ul className="space-y-2.5" hidden={data.kind === "table"}>
        {parameters.map((parameter) => {
          const field = data.fieldMappings[parameter.name] ?? "";
          // Without a stored rule, one value (a JSON output) is taken as is; rows wait for a choice.
          const rule = data.transformationRules[parameter.name] ?? (fromRows ? null : "first");
          const suggestion = field && !rule ? suggestedRule(typeOf(field), parameter.type) : null;
          const fedElsewhere = otherFeeds.find((e) => e.data!.fieldMappings[parameter.name]);
          return (
            <li key={parameter.name}>
              <div className="flex items-baseline justify-between text-xs">
                <span className="font-mono font-medium">
                  {parameter.name}
                  {parameter.required && <span className="text-red-600"> *</span>}
                </span>
                <span className="text-slate-500">{parameter.type}</span>
              </div>
              {fedElsewhere ? (
                <p className="text-xs text-slate-500">Fed by {fedElsewhere.source}.</p>
              ) : (
                <div className="mt-0.5 grid grid-cols-[1fr_7.5rem] gap-1">
                  <select
                    aria-label={`Source field for ${parameter.name}`}
                    value={field}
                    onChange={(event) => setField(parameter.name, event.target.value)}
                    className={inputClass}
                  >
                    <option value="">— not mapped —</option>
                    {outputs.map((output) => {
                      const fits = fittingRules(output.type, parameter.type).length > 0;
                      const reason = fits ? null : mappingTypeError(output.type, "first", parameter.type);
                      return (
                        <option key={output.name} value={output.name} disabled={!fits}>
                          {output.name} ({output.type}){reason ? ` — ${reason}` : ""}
                        </option>
                      );
                    })}
                    {field && !outputs.some((output) => output.name === field) && (
                      <option value={field}>
                        {field} (not an output of {nodeName(source.data)})
                      </option>
                    )}
                  </select>
                  <select
                    aria-label={`Rule for ${parameter.name}`}
                    value={rule ?? ""}
                    disabled={!field || readOnly}
                    onChange={(event) => setRule(parameter.name, event.target.value as TransformationRule)}
                    className={inputClass}
                  >
                    {!rule && (
                      <option value="" disabled>
                        — choose —
                      </option>
                    )}
                    {transformationRules.map((name) => {
                      const reason = field ? mappingTypeError(typeOf(field), name, parameter.type) : null;
                      return (
                        <option
                          key={name}
                          value={name}
                          disabled={Boolean(reason)}
                          title={reason ?? undefined}
                        >
                          {name}
                          {reason ? " (does not fit)" : ""}
                        </option>
                      );
                    })}
                  </select>
                </div>
              )}
              {field && fromRows && !fedElsewhere && (
                <p className="mt-0.5 text-[11px] text-slate-600">
                  {rule ? (
                    ruleEffects[rule]
                  ) : (
                    <>
                      Rows of {field} into one value: choose a rule.{" "}
                      {suggestion && (
                        <button
                          type="button"
                          onClick={() => setRule(parameter.name, suggestion)}
                          className="font-medium text-indigo-700 hover:underline"
                        >
                          Use {suggestion}
                        </button>
                      )}
                      {suggestion && ` — ${ruleEffects[suggestion].toLowerCase()}`}
                    </>
                  )}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      {data.kind === "mapping" && (
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={data.isRequired}
            onChange={(event) => update(edgeId, { isRequired: event.target.checked })}
          />
          Required: skip {nodeName(target.data)} when {nodeName(source.data)} does not complete
        </label>
      )}
      {!readOnly && (
        <button
          type="button"
          onClick={() => store.getState().deleteSelection()}
          className="text-xs font-medium text-red-700 hover:underline"
        >
          Delete connection (Del)
        </button>
      )}
    </fieldset>
  );
}
