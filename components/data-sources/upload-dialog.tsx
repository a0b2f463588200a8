"use client";
import { useState } from "react";
import { Dialog } from "@/components/ui/dialog";
import { FormFooter } from "@/components/ui/form-footer";
import { appendsAs } from "@/lib/data-sources/append-types.mjs";
import { columnTypes } from "@/lib/data-sources/schema";
import { plural } from "@/lib/plural";
import {
  type UploadChoices,
  type UploadPreview,
  type UploadResult,
  useUpload,
  useUploadPreview,
} from "@/lib/queries/data-sources";

type ColumnType = (typeof columnTypes)[number];
type Mode = "replace" | "append" | "new";

const lines = (record: { line: number; lastLine: number }) =>
  record.lastLine > record.line ? `Lines ${record.line}–${record.lastLine}` : `Line ${record.line}`;

/** The file's columns whose loaded type the existing table's column of that name cannot take as it is. */
function appendClashes(preview: UploadPreview) {
  const into = new Map((preview.existingColumns ?? []).map((column) => [column.name, column.type]));
  return preview.columns.flatMap((column) => {
    const table = into.get(column.name);
    return table && !appendsAs(column.as, table) ? [{ name: column.name, as: column.as, table }] : [];
  });
}

/**
 * Loading a file into a DuckDB source, looked at first: the table it becomes (and what to do when
 * that table exists), each column's type as DuckDB read it with a choice of another, the first rows
 * as they will be loaded, and the records that cannot be read. Nothing is written until "Load".
 */
export function UploadDialog({
  sourceId,
  file,
  onClose,
  onLoaded,
}: {
  sourceId: string;
  file: File;
  onClose: () => void;
  onLoaded: (result: UploadResult) => void;
}) {
  // What the table field shows once edited; until then, the name the preview chose.
  const [tableDraft, setTableDraft] = useState<string | null>(null);
  const [table, setTable] = useState("");
  const [mode, setMode] = useState<Mode | null>(null);
  const [types, setTypes] = useState<Record<string, ColumnType>>({});
  const [skip, setSkip] = useState(false);
  const choices: UploadChoices = { table: table || undefined, types };
  const preview = useUploadPreview(sourceId, file, choices);
  const shown = preview.data;
  const exists = shown?.existing != null;
  const upload = useUpload(sourceId);
  const load = () =>
    upload.mutate(
      {
        file,
        choices: {
          ...choices,
          table: tableDraft?.trim() || table || undefined,
          mode: exists && mode && mode !== "new" ? mode : "create",
          badLines: skip ? "skip" : "refuse",
        },
      },
      { onSuccess: onLoaded },
    );
  const commitTable = () => {
    const name = tableDraft?.trim() ?? table;
    if (name === table) return;
    setTable(name);
    // What to do with one table is not what to do with another.
    setMode(null);
  };
  const clashes = mode === "append" && shown ? appendClashes(shown) : [];
  const tooMany = shown !== undefined && shown.rows > shown.maxRows;
  const unreadable = shown?.unreadable?.records ?? 0;
  const blocked =
    !shown ||
    preview.isFetching ||
    shown.typeProblems.length > 0 ||
    (unreadable > 0 && !skip) ||
    (exists && !mode) ||
    clashes.length > 0 ||
    tooMany;
  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      label={`Load ${file.name}`}
      heading={`Load ${file.name}`}
      width="xl"
    >
      <div className="mt-3 space-y-3 text-sm">
        <div className="flex flex-wrap items-end gap-3">
          <label className="flex flex-col gap-1">
            <span className="text-xs font-medium text-slate-600">Table</span>
            <input
              className="w-64 rounded-md border border-slate-300 px-2 py-1 font-mono text-sm"
              value={tableDraft ?? shown?.table ?? ""}
              onChange={(event) => setTableDraft(event.target.value)}
              onBlur={commitTable}
              onKeyDown={(event) => event.key === "Enter" && commitTable()}
            />
          </label>
          {shown && (
            <p className="text-slate-600" role="status">
              {preview.isFetching
                ? "Reading the file…"
                : `${plural(shown.rows, "row")}, ${plural(shown.columns.length, "column")}`}
            </p>
          )}
        </div>
        {preview.isPending && <p className="text-slate-500">Reading the file…</p>}
        {preview.error && (
          <p role="alert" className="text-red-700">
            {preview.error.message}
          </p>
        )}
        {shown && exists && (
          <ExistingTable
            name={shown.table}
            rows={shown.existing ?? 0}
            mode={mode}
            onMode={(next) => {
              setMode(next);
              if (next !== "new") return;
              setTableDraft(`${shown.table}_2`);
              setTable(`${shown.table}_2`);
            }}
          />
        )}
        {clashes.length > 0 && (
          <p role="alert" className="text-red-700">
            Appended rows take the table's types:{" "}
            {clashes
              .map((clash) => `"${clash.name}" is ${clash.as} here and ${clash.table} in the table`)
              .join(", ")}
            . Choose the table's types below, or load a new table.
          </p>
        )}
        {tooMany && shown && (
          <p role="alert" className="text-red-700">
            The file has {plural(shown.rows, "row")}; one upload loads at most {plural(shown.maxRows, "row")}.
          </p>
        )}
        {shown && unreadable > 0 && <Unreadable preview={shown} skip={skip} onSkip={setSkip} />}
        {shown && <FirstRows preview={shown} types={types} onTypes={setTypes} />}
      </div>
      <form
        className="mt-4 space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          load();
        }}
      >
        <FormFooter
          error={upload.error?.message ?? null}
          pending={upload.isPending}
          pendingLabel="Loading…"
          disabled={blocked}
          submitLabel={shown ? `Load ${plural(shown.rows, "row")}` : "Load"}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}

function ExistingTable({
  name,
  rows,
  mode,
  onMode,
}: {
  name: string;
  rows: number;
  mode: Mode | null;
  onMode: (mode: Mode) => void;
}) {
  const options: [Mode, string][] = [
    ["replace", `Replace its ${plural(rows, "row")}`],
    ["append", "Append the file's rows to it"],
    ["new", "Load it as a new table"],
  ];
  return (
    <fieldset className="rounded-md border border-amber-300 bg-amber-50 p-3">
      <legend className="px-1 text-xs font-medium text-amber-900">
        A table “{name}” exists ({plural(rows, "row")}); templates may read it
      </legend>
      <div className="flex flex-wrap gap-4">
        {options.map(([value, label]) => (
          <label key={value} className="flex items-center gap-1.5">
            <input type="radio" name="upload-mode" checked={mode === value} onChange={() => onMode(value)} />
            {label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function Unreadable({
  preview,
  skip,
  onSkip,
}: {
  preview: UploadPreview;
  skip: boolean;
  onSkip: (skip: boolean) => void;
}) {
  const unreadable = preview.unreadable!;
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-red-900">
      <p>
        {plural(unreadable.records, "record")} ({plural(unreadable.lines, "line")}) of the file cannot be
        read:
      </p>
      <ul className="mt-1 max-h-28 overflow-y-auto font-mono text-xs">
        {unreadable.first.map((record) => (
          <li key={record.line}>
            {lines(record)}: {record.reason} — “{record.text.split("\n")[0]}”
          </li>
        ))}
        {unreadable.records > unreadable.first.length && (
          <li>…and {plural(unreadable.records - unreadable.first.length, "more record")}</li>
        )}
      </ul>
      <label className="mt-2 flex items-center gap-1.5">
        <input type="checkbox" checked={skip} onChange={(event) => onSkip(event.target.checked)} />
        Skip {unreadable.records === 1 ? "it" : `these ${plural(unreadable.records, "record")}`} and load the{" "}
        {plural(preview.rows, "row")} that can be read
      </label>
    </div>
  );
}

/** The columns with their types (each can be changed) over the first rows as they will be loaded. */
function FirstRows({
  preview,
  types,
  onTypes,
}: {
  preview: UploadPreview;
  types: Record<string, ColumnType>;
  onTypes: (types: Record<string, ColumnType>) => void;
}) {
  const problems = new Map(preview.typeProblems.map((problem) => [problem.column, problem]));
  const kept = new Map(preview.keptAsText.map((found) => [found.column, found.values]));
  const choose = (column: string, type: string) => {
    const { [column]: _, ...rest } = types;
    onTypes(type ? { ...rest, [column]: type as ColumnType } : rest);
  };
  return (
    <div className="max-h-96 overflow-auto rounded-md border border-slate-200">
      <table className="min-w-full text-xs">
        <thead className="sticky top-0 bg-slate-50">
          <tr>
            {preview.columns.map((column) => {
              const problem = problems.get(column.name);
              return (
                <th
                  key={column.name}
                  className="border-b border-slate-200 px-2 py-1 text-left align-top font-normal"
                >
                  <div className="font-mono font-semibold">{column.name}</div>
                  <select
                    aria-label={`Type of ${column.name}`}
                    className="mt-1 rounded border border-slate-300 bg-white px-1 py-0.5"
                    value={types[column.name] ?? ""}
                    onChange={(event) => choose(column.name, event.target.value)}
                  >
                    <option value="">as read: {kept.has(column.name) ? "VARCHAR" : column.type}</option>
                    {columnTypes.map((type) => (
                      <option key={type} value={type}>
                        {type}
                      </option>
                    ))}
                  </select>
                  {kept.has(column.name) && !types[column.name] && (
                    <p className="mt-1 max-w-48 font-normal text-amber-800">
                      Kept as text: {plural(kept.get(column.name) ?? 0, "value")}{" "}
                      {kept.get(column.name) === 1 ? "has" : "have"} more digits than a number holds
                    </p>
                  )}
                  {problem && (
                    <p role="alert" className="mt-1 max-w-48 text-red-700">
                      {plural(problem.values, "value")} {problem.values === 1 ? "is" : "are"} not{" "}
                      {problem.type === "integer" ? "an" : "a"} {problem.type}, e.g. “{problem.example}”
                    </p>
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="font-mono">
          {preview.first.map((row, index) => (
            // Rows of a preview have no identity but their place.
            // biome-ignore lint/suspicious/noArrayIndexKey: the preview's rows never move
            <tr key={index} className="odd:bg-white even:bg-slate-50">
              {preview.columns.map((column) => (
                <td key={column.name} className="whitespace-nowrap px-2 py-0.5">
                  {row[column.name] == null ? (
                    <span className="text-slate-400">null</span>
                  ) : (
                    String(row[column.name])
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {preview.rows > preview.first.length && (
        <p className="bg-slate-50 px-2 py-1 text-xs text-slate-500">
          The first {preview.first.length} of {plural(preview.rows, "row")}.
        </p>
      )}
    </div>
  );
}
