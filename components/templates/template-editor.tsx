"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { inputClass, ParameterInput } from "@/components/editor/fields";
import { Button } from "@/components/ui/button";
import { type DataSource, dataSourceKeys, fetchSourceSchema } from "@/lib/queries/data-sources";
import { ApiError } from "@/lib/queries/fetch-client";
import { createTemplate, describeTemplate, previewTemplate, updateTemplate } from "@/lib/queries/templates";
import type { ChartConfig, ParameterSpec } from "@/lib/templates/types";
import { type OutputField, valueTypes } from "@/lib/value-types";
import { PreviewTable } from "./preview-table";
import { SqlEditor } from "./sql-editor";

/** Quiet time after typing before the SQL is described by its source. */
const DESCRIBE_AFTER_MS = 600;

export interface TemplateDraft {
  templateId: string | null;
  name: string;
  description: string;
  category: string;
  dataSourceId: string;
  sql: string;
  parameters: ParameterSpec[];
  chartConfig: ChartConfig | null;
  isPublic: boolean;
}

/** The described parameters, keeping what the user set on those still in the SQL. */
function merge(described: ParameterSpec[], edited: ParameterSpec[]): ParameterSpec[] {
  return described.map((spec) => edited.find((mine) => mine.name === spec.name) ?? spec);
}

/**
 * Writing a SQL template: its source, SQL in a real editor (completion of the source's tables and
 * columns), parameters and outputs as the source describes them (names, types, defaults and
 * descriptions editable), a preview of the first 100 rows with chosen values, a default chart, save.
 */
export function TemplateEditor({
  initial,
  dataSources,
}: {
  initial: TemplateDraft;
  dataSources: DataSource[];
}) {
  const [draft, setDraft] = useState(initial);
  const set = (patch: Partial<TemplateDraft>) => setDraft((current) => ({ ...current, ...patch }));
  const [outputs, setOutputs] = useState<OutputField[]>([]);
  const [sqlError, setSqlError] = useState<{ message: string; line?: number } | null>(null);
  const [describing, setDescribing] = useState(false);
  const [values, setValues] = useState<Record<string, unknown>>({});

  const schema = useQuery({
    queryKey: dataSourceKeys.schema(draft.dataSourceId),
    queryFn: () => fetchSourceSchema(draft.dataSourceId),
    enabled: Boolean(draft.dataSourceId),
  });

  // Describe the SQL shortly after each change: parameters, their types, the output columns.
  useEffect(() => {
    if (!draft.sql.trim() || !draft.dataSourceId) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setDescribing(true);
      describeTemplate(
        { kind: "sql", dataSourceId: draft.dataSourceId, definition: { sql: draft.sql } },
        controller.signal,
      )
        .then((described) => {
          setSqlError(null);
          setOutputs(described.outputs as OutputField[]);
          setDraft((current) => ({
            ...current,
            parameters: merge(described.parameters as ParameterSpec[], current.parameters),
          }));
        })
        .catch((error) => {
          if (controller.signal.aborted) return;
          const line =
            error instanceof ApiError
              ? (error.body as { error?: { line?: number } })?.error?.line
              : undefined;
          setSqlError({ message: (error as Error).message, line });
        })
        .finally(() => setDescribing(false));
    }, DESCRIBE_AFTER_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [draft.sql, draft.dataSourceId]);

  const preview = useMutation({
    mutationFn: () =>
      previewTemplate({
        kind: "sql",
        dataSourceId: draft.dataSourceId,
        definition: { sql: draft.sql },
        values,
      }),
  });
  const save = useMutation({
    mutationFn: () => {
      const body = {
        name: draft.name,
        description: draft.description,
        category: draft.category,
        kind: "sql" as const,
        dataSourceId: draft.dataSourceId,
        definition: { sql: draft.sql },
        parameters: draft.parameters,
        chartConfig: draft.chartConfig,
        isPublic: draft.isPublic,
      };
      return draft.templateId ? updateTemplate(draft.templateId, body) : createTemplate(body);
    },
    onSuccess: ({ template }) => {
      // The URL becomes the template's own without leaving the page (its "Saved" note stays).
      if (!draft.templateId) window.history.replaceState(null, "", `/templates/${template.templateId}/edit`);
      set({ templateId: template.templateId });
    },
  });
  const editSpec = (name: string, patch: Partial<ParameterSpec>) =>
    set({ parameters: draft.parameters.map((spec) => (spec.name === name ? { ...spec, ...patch } : spec)) });

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <div className="min-w-0 space-y-4">
        <div className="grid gap-3 sm:grid-cols-2">
          <label className="text-sm font-medium">
            Name
            <input
              value={draft.name}
              onChange={(event) => set({ name: event.target.value })}
              className={inputClass}
            />
          </label>
          <label className="text-sm font-medium">
            Data source
            <select
              value={draft.dataSourceId}
              onChange={(event) => set({ dataSourceId: event.target.value })}
              className={inputClass}
            >
              {dataSources.map((source) => (
                <option key={source.id} value={source.id}>
                  {source.name}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div>
          <p className="mb-1 text-sm font-medium">
            SQL{" "}
            <span className="font-normal text-slate-500">
              — parameters as :name; one SELECT, run read-only
            </span>
          </p>
          <SqlEditor
            value={draft.sql}
            onChange={(sql) => set({ sql })}
            schema={schema.data}
            error={sqlError}
          />
          <p role="status" className="mt-1 text-xs text-slate-500">
            {describing
              ? "Describing…"
              : sqlError
                ? ""
                : `${draft.parameters.length} parameters, ${outputs.length} columns`}
          </p>
          {sqlError && (
            <p role="alert" className="mt-1 rounded bg-red-50 px-3 py-2 text-sm text-red-800">
              {sqlError.message}
            </p>
          )}
        </div>
        <section aria-label="Preview" className="space-y-2">
          <div className="flex items-center gap-3">
            <h2 className="font-semibold">Preview</h2>
            <Button
              size="sm"
              disabled={preview.isPending || !draft.sql.trim()}
              onClick={() => preview.mutate()}
            >
              {preview.isPending ? "Running…" : "Run preview"}
            </Button>
            {preview.data && (
              <span className="text-xs text-slate-600" data-testid="preview-summary">
                {preview.data.rowCount} rows{preview.data.truncated ? " (the first 100)" : ""} in{" "}
                {preview.data.durationMs} ms
              </span>
            )}
          </div>
          {preview.error && (
            <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800">
              {preview.error.message}
            </p>
          )}
          {preview.data && <PreviewTable columns={preview.data.columns} rows={preview.data.rows} />}
        </section>
      </div>

      <aside className="space-y-5 text-sm">
        <section aria-label="Parameters">
          <h2 className="font-semibold">Parameters</h2>
          {draft.parameters.length === 0 && (
            <p className="text-slate-500">None: write :name in the SQL to add one.</p>
          )}
          <ul className="mt-2 space-y-3">
            {draft.parameters.map((spec) => (
              <li key={spec.name} className="rounded-md border border-slate-200 p-2">
                <div className="flex items-center justify-between gap-2">
                  <span className="font-mono font-medium">{spec.name}</span>
                  <select
                    aria-label={`Type of ${spec.name}`}
                    value={spec.type}
                    onChange={(event) =>
                      editSpec(spec.name, {
                        type: event.target.value as ParameterSpec["type"],
                        default: undefined,
                      })
                    }
                    className="rounded border border-slate-300 px-1 py-0.5 text-xs"
                  >
                    {valueTypes.map((type) => (
                      <option key={type} value={type}>
                        {type}
                      </option>
                    ))}
                  </select>
                </div>
                <input
                  aria-label={`Description of ${spec.name}`}
                  placeholder="What it means"
                  value={spec.description}
                  onChange={(event) => editSpec(spec.name, { description: event.target.value })}
                  className={`${inputClass} mt-1`}
                />
                <div className="mt-1 grid grid-cols-[5rem_minmax(0,1fr)] items-center gap-x-2 gap-y-1 text-xs">
                  <label className="flex items-center gap-1">
                    <input
                      type="checkbox"
                      checked={spec.required}
                      onChange={(event) => editSpec(spec.name, { required: event.target.checked })}
                    />
                    required
                  </label>
                  <span />
                  <span className="text-slate-500">Default</span>
                  <ParameterInput
                    spec={spec}
                    label={`Default of ${spec.name}`}
                    placeholder="default"
                    value={spec.default}
                    onChange={(value) => editSpec(spec.name, { default: value })}
                  />
                  <span className="text-slate-500">Preview with</span>
                  <ParameterInput
                    spec={spec}
                    label={`Preview value of ${spec.name}`}
                    placeholder="value for the preview"
                    value={values[spec.name] ?? spec.default}
                    onChange={(value) => setValues({ ...values, [spec.name]: value })}
                  />
                </div>
              </li>
            ))}
          </ul>
        </section>
        <section aria-label="Outputs">
          <h2 className="font-semibold">Outputs</h2>
          <ul className="mt-1 font-mono text-xs">
            {outputs.map((output) => (
              <li key={output.name}>
                {output.name} <span className="text-slate-500">{output.type}</span>
              </li>
            ))}
          </ul>
        </section>
        <ChartPicker
          outputs={outputs}
          value={draft.chartConfig}
          onChange={(chartConfig) => set({ chartConfig })}
        />
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={draft.isPublic}
            onChange={(event) => set({ isPublic: event.target.checked })}
          />
          Public: everyone may use it (runs need access to its data source)
        </label>
        {save.error && (
          <p role="alert" className="rounded bg-red-50 px-3 py-2 text-red-800">
            {save.error.message}
          </p>
        )}
        {save.data && (
          <p role="status" className="rounded bg-emerald-50 px-3 py-2 text-emerald-800">
            Saved as version {save.data.template.version}.
          </p>
        )}
        <Button
          variant="primary"
          disabled={save.isPending || !draft.name.trim() || !draft.sql.trim() || Boolean(sqlError)}
          onClick={() => save.mutate()}
        >
          {save.isPending ? "Saving…" : draft.templateId ? "Save a new version" : "Save template"}
        </Button>
      </aside>
    </div>
  );
}

/** The chart a result of this template opens with: a type, the x column, the y columns. */
function ChartPicker({
  outputs,
  value,
  onChange,
}: {
  outputs: OutputField[];
  value: ChartConfig | null;
  onChange: (value: ChartConfig | null) => void;
}) {
  const numeric = outputs.filter((output) => output.type === "number" || output.type === "integer");
  return (
    <section aria-label="Default chart">
      <h2 className="font-semibold">Default chart</h2>
      <div className="mt-1 grid grid-cols-2 gap-2">
        <select
          aria-label="Chart type"
          value={value?.type ?? ""}
          onChange={(event) =>
            onChange(
              event.target.value
                ? {
                    type: event.target.value as ChartConfig["type"],
                    x: value?.x ?? outputs[0]?.name ?? "",
                    y: value?.y ?? [numeric[0]?.name ?? outputs[0]?.name ?? ""],
                  }
                : null,
            )
          }
          className={inputClass}
        >
          <option value="">none</option>
          {["bar", "line", "area", "pie"].map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
        {value && (
          <select
            aria-label="Chart x"
            value={value.x}
            onChange={(event) => onChange({ ...value, x: event.target.value })}
            className={inputClass}
          >
            {outputs.map((output) => (
              <option key={output.name} value={output.name}>
                x: {output.name}
              </option>
            ))}
          </select>
        )}
      </div>
      {value && (
        <fieldset className="mt-1 flex flex-wrap gap-2 text-xs" aria-label="Chart y">
          {numeric.map((output) => (
            <label key={output.name} className="flex items-center gap-1">
              <input
                type="checkbox"
                checked={value.y.includes(output.name)}
                onChange={(event) => {
                  const y = event.target.checked
                    ? [...value.y, output.name]
                    : value.y.filter((name) => name !== output.name);
                  if (y.length) onChange({ ...value, y });
                }}
              />
              {output.name}
            </label>
          ))}
        </fieldset>
      )}
    </section>
  );
}
