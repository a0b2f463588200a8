"use client";
import { useEffect, useState } from "react";
import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/fields";
import { plural } from "@/lib/plural";
import { type DataSource, useSourceSchema } from "@/lib/queries/data-sources";
import { ApiError } from "@/lib/queries/fetch-client";
import { describeTemplate, usePreviewTemplate, useSaveTemplate } from "@/lib/queries/templates";
import { type AuthoredKind, draftDefinition, type TemplateDraft } from "@/lib/templates/draft";
import type { TemplateResponse } from "@/lib/templates/schema";
import type { ParameterSpec } from "@/lib/templates/types";
import type { OutputField } from "@/lib/value-types";
import { ChartPicker } from "./chart-picker";
import { editingHeader } from "./editing-header";
import { HttpDefinitionFields, TransformDefinitionFields } from "./json-definitions";
import { ParameterSpecs, previewValues } from "./parameter-specs";
import { PreviewTable } from "./preview-table";
import { SqlEditor } from "./sql-editor";

/** Quiet time after typing before the definition is described again. */
const DESCRIBE_AFTER_MS = 600;

const kindNames: Record<AuthoredKind, string> = {
  sql: "SQL query",
  http: "HTTP request",
  transform: "Transform",
};
const parameterHints: Record<AuthoredKind, string> = {
  sql: "None: write :name in the SQL to add one.",
  http: "None: write {{name}} in the URL, a header or the body to add one.",
  transform: "None: give the sample input a field to add one.",
};

/** The described parameters, keeping what the user set on those still in the definition. */
function merge(described: ParameterSpec[], edited: ParameterSpec[]): ParameterSpec[] {
  return described.map((spec) => edited.find((mine) => mine.name === spec.name) ?? spec);
}

/**
 * Writing a template: a SQL query on a source (CodeMirror with completion of its tables and
 * columns), an HTTP request, or a JSONata transform. Parameters and outputs appear as the definition
 * is described (names, types, defaults, allowed values and ranges editable), a preview shows the
 * first 100 rows with chosen values, a default chart, save.
 */
export function TemplateEditor({
  initial,
  dataSources,
  header,
}: {
  initial: TemplateDraft;
  dataSources: DataSource[];
  /** The page's heading until the template is saved; after, it names the saved version. */
  header: { title: string; description: string };
}) {
  const [saved, setSaved] = useState<{ name: string; version: number } | null>(null);
  const [draft, setDraft] = useState(initial);
  const set = (patch: Partial<TemplateDraft>) => setDraft((current) => ({ ...current, ...patch }));
  const [describeError, setDescribeError] = useState<{ message: string; line?: number } | null>(null);
  const [describing, setDescribing] = useState(false);
  const [values, setValues] = useState<Record<string, unknown>>({});
  // Cheap to make; the describe effect follows its JSON, so other edits do not describe again.
  const definition = draftDefinition(draft);
  const definitionKey = JSON.stringify(definition);
  const error = definition.ok ? describeError : { message: definition.error };
  const rowsFromCall = draft.kind === "http" && Boolean(draft.http.rows.trim());

  const schema = useSourceSchema(draft.dataSourceId, draft.kind === "sql" && Boolean(draft.dataSourceId));

  // Describe the definition shortly after each change: parameters, their types, the outputs.
  // biome-ignore lint/correctness/useExhaustiveDependencies: definitionKey stands for definition
  useEffect(() => {
    if (!definition.ok || (definition.body.kind === "sql" && !definition.body.dataSourceId)) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setDescribing(true);
      describeTemplate(definition.body, controller.signal)
        .then((described) => {
          if (controller.signal.aborted) return;
          setDescribeError(null);
          setDraft((current) => ({
            ...current,
            parameters: merge(described.parameters as ParameterSpec[], current.parameters),
            // An HTTP template's rows are known from a test call (the preview), not from describing.
            outputs: rowsFromCall ? current.outputs : (described.outputs as OutputField[]),
          }));
        })
        .catch((failure) => {
          if (controller.signal.aborted) return;
          const line =
            failure instanceof ApiError
              ? (failure.body as { error?: { line?: number } })?.error?.line
              : undefined;
          setDescribeError({ message: (failure as Error).message, line });
          // The columns of an earlier SQL are not this SQL's: none are shown until it describes again.
          if (!rowsFromCall) setDraft((current) => ({ ...current, outputs: [] }));
        })
        .finally(() => setDescribing(false));
    }, DESCRIBE_AFTER_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [definitionKey, rowsFromCall]);

  // Both buttons are disabled while the definition does not parse (its error is shown above them).
  const preview = usePreviewTemplate();
  const runPreview = () => {
    if (!definition.ok) return;
    preview.mutate(
      { ...definition.body, values: previewValues(draft.parameters, values) },
      { onSuccess: (result) => rowsFromCall && set({ outputs: result.columns as OutputField[] }) },
    );
  };
  const save = useSaveTemplate();
  const saveDraft = () => {
    if (!definition.ok) return;
    const body = {
      ...definition.body,
      name: draft.name,
      description: draft.description,
      category: draft.category,
      parameters: draft.parameters,
      // An HTTP template's columns from the last test call; otherwise the server describes them.
      ...(rowsFromCall && draft.outputs.length ? { outputs: draft.outputs } : {}),
      chartConfig: draft.chartConfig,
      isPublic: draft.isPublic,
    };
    const onSuccess = ({ template }: { template: TemplateResponse }) => {
      // The URL becomes the template's own without leaving the page (its "Saved" note stays).
      if (!draft.templateId) window.history.replaceState(null, "", `/templates/${template.templateId}/edit`);
      set({ templateId: template.templateId, outputs: template.outputs });
      setSaved(template);
      document.title = `${editingHeader(template).title} · QueryFlow`;
    };
    save.mutate({ templateId: draft.templateId, body }, { onSuccess });
  };

  return (
    <>
      <PageHeader {...(saved ? editingHeader(saved) : header)} />
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
            {draft.templateId ? (
              <p className="text-sm font-medium">
                Kind
                <span className="mt-1.5 block font-normal text-slate-600">{kindNames[draft.kind]}</span>
              </p>
            ) : (
              <label className="text-sm font-medium">
                Kind
                <select
                  value={draft.kind}
                  onChange={(event) => set({ kind: event.target.value as AuthoredKind, outputs: [] })}
                  className={inputClass}
                >
                  {Object.entries(kindNames).map(([kind, name]) => (
                    <option key={kind} value={kind}>
                      {name}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </div>
          {draft.kind === "sql" && (
            <SqlDefinition
              draft={draft}
              set={set}
              dataSources={dataSources}
              schema={schema.data}
              error={error}
            />
          )}
          {draft.kind === "http" && (
            <HttpDefinitionFields value={draft.http} onChange={(http) => set({ http })} />
          )}
          {draft.kind === "transform" && (
            <TransformDefinitionFields value={draft.transform} onChange={(transform) => set({ transform })} />
          )}
          <div>
            <p role="status" className="text-xs text-slate-500">
              {describing
                ? "Describing…"
                : error
                  ? ""
                  : `${plural(draft.parameters.length, "parameter")}, ${
                      rowsFromCall && !draft.outputs.length
                        ? "columns from a test call: run one"
                        : plural(
                            draft.outputs.length,
                            draft.kind === "sql" || rowsFromCall ? "column" : "output",
                          )
                    }`}
            </p>
            {error && (
              <p role="alert" className="mt-1 rounded bg-red-50 px-3 py-2 text-sm text-red-800">
                {error.message}
              </p>
            )}
          </div>
          <section aria-label="Preview" className="space-y-2">
            <div className="flex items-center gap-3">
              <h2 className="font-semibold">Preview</h2>
              <Button size="sm" disabled={preview.isPending || !definition.ok} onClick={runPreview}>
                {preview.isPending ? "Running…" : draft.kind === "http" ? "Run test call" : "Run preview"}
              </Button>
              {preview.data && (
                <span className="text-xs text-slate-600" data-testid="preview-summary">
                  {plural(preview.data.rowCount, "row")}
                  {preview.data.truncated ? " (more exist: the first ones only)" : ""} in{" "}
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
          <ParameterSpecs
            parameters={draft.parameters}
            onChange={(parameters) => set({ parameters })}
            values={values}
            onValuesChange={setValues}
            emptyHint={parameterHints[draft.kind]}
          />
          <section aria-label="Outputs">
            <h2 className="font-semibold">Outputs</h2>
            {rowsFromCall && (
              <p className="text-xs text-slate-500">The columns of the last test call&apos;s rows.</p>
            )}
            {!draft.outputs.length && (
              <p className="text-xs text-slate-500">
                {error ? "None until the definition describes without an error." : "None yet."}
              </p>
            )}
            <ul className="mt-1 font-mono text-xs">
              {draft.outputs.map((output) => (
                <li key={output.name}>
                  {output.name} <span className="text-slate-500">{output.type}</span>
                </li>
              ))}
            </ul>
          </section>
          <ChartPicker
            outputs={draft.outputs}
            value={draft.chartConfig}
            onChange={(chartConfig) => set({ chartConfig })}
          />
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={draft.isPublic}
              onChange={(event) => set({ isPublic: event.target.checked })}
            />
            Public: everyone may use it{draft.kind === "sql" ? " (runs need access to its data source)" : ""}
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
            disabled={save.isPending || !draft.name.trim() || Boolean(error)}
            onClick={saveDraft}
          >
            {save.isPending ? "Saving…" : draft.templateId ? "Save a new version" : "Save template"}
          </Button>
        </aside>
      </div>
    </>
  );
}

/** A SQL template's source and its SQL, with the database's error marked at its line. */
function SqlDefinition({
  draft,
  set,
  dataSources,
  schema,
  error,
}: {
  draft: TemplateDraft;
  set: (patch: Partial<TemplateDraft>) => void;
  dataSources: DataSource[];
  schema: Parameters<typeof SqlEditor>[0]["schema"];
  error: { message: string; line?: number } | null;
}) {
  if (!dataSources.length)
    return <p className="text-sm text-slate-600">No data source to query: add one on Data sources first.</p>;
  return (
    <>
      <label className="block text-sm font-medium sm:w-1/2 sm:pr-1.5">
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
      <div>
        <p className="mb-1 text-sm font-medium">
          SQL{" "}
          <span className="font-normal text-slate-500">— parameters as :name; one SELECT, run read-only</span>
        </p>
        <SqlEditor
          value={draft.sql}
          onChange={(sql) => set({ sql })}
          schema={schema}
          dialect={dataSources.find((source) => source.id === draft.dataSourceId)?.kind ?? "postgres"}
          error={error}
        />
      </div>
    </>
  );
}
