"use client";
import type { CompletionContext } from "@codemirror/autocomplete";
import { sql } from "@codemirror/lang-sql";
import { type Diagnostic, linter, lintGutter } from "@codemirror/lint";
import CodeMirror, { EditorView } from "@uiw/react-codemirror";
import { useMemo } from "react";
import { plural } from "@/lib/plural";
import type { SourceSchema } from "@/lib/queries/data-sources";
import { completionIcons, sqlDialects } from "./sql-dialects";

/**
 * The SQL of a template in CodeMirror: its source's dialect (PostgreSQL or DuckDB), completion of
 * the source's tables and columns, and the database's error marked on the line it names.
 */
export function SqlEditor({
  value,
  onChange,
  schema,
  dialect,
  error,
  wrapLines = false,
}: {
  /** Long lines wrap instead of scrolling (a narrow panel, where they would widen it). */
  wrapLines?: boolean;
  value: string;
  onChange: (value: string) => void;
  schema: Pick<SourceSchema, "tables"> | undefined;
  dialect: keyof typeof sqlDialects;
  error: { message: string; line?: number } | null;
}) {
  const extensions = useMemo(() => {
    // Completion offers `table` and `schema.table`, each with its columns.
    const tables: Record<string, string[]> = {};
    for (const table of schema?.tables ?? []) {
      const columns = table.columns.map((column) => column.name);
      tables[table.name] = columns;
      tables[`${table.schema}.${table.name}`] = columns;
    }
    // Column names complete anywhere too (lang-sql offers them only after `table.`), each naming its table.
    const columnOptions = (schema?.tables ?? []).flatMap((table) =>
      table.columns.map((column) => ({
        label: column.name,
        detail: `${table.name} · ${column.type}`,
        type: "property",
      })),
    );
    const tableOptions = (schema?.tables ?? []).flatMap((table) =>
      [table.name, `${table.schema}.${table.name}`].map((label) => ({
        label,
        detail: plural(table.columns.length, "column"),
        type: "class",
      })),
    );
    const language = sqlDialects[dialect];
    const columns = language.language.data.of({
      autocomplete: (context: CompletionContext) => {
        const word = context.matchBefore(/\w+/);
        if (!word || (word.from === word.to && !context.explicit)) return null;
        return { from: word.from, options: columnOptions, validFor: /^\w*$/ };
      },
    });
    const lint = linter((view): Diagnostic[] => {
      if (!error?.line || error.line > view.state.doc.lines) return [];
      const line = view.state.doc.line(error.line);
      return [{ from: line.from, to: line.to, severity: "error", message: error.message }];
    });
    return [
      sql({ dialect: language, schema: tables, tables: tableOptions, upperCaseKeywords: true }),
      completionIcons,
      columns,
      lint,
      lintGutter(),
      EditorView.contentAttributes.of({ "aria-label": "SQL" }),
      ...(wrapLines ? [EditorView.lineWrapping] : []),
    ];
  }, [schema, dialect, error, wrapLines]);
  return (
    <CodeMirror
      value={value}
      onChange={onChange}
      extensions={extensions}
      height="240px"
      basicSetup={{ foldGutter: false, highlightActiveLine: false }}
      className="overflow-hidden rounded-md border border-slate-300 text-sm"
    />
  );
}
