import type { OutputField } from "@/lib/value-types";
import type { TemplateResponse } from "./schema";
import type { ChartConfig, ParameterSpec } from "./types";

/** The kinds of template written in the app. */
export const authoredKinds = ["sql", "http", "transform"] as const;
export type AuthoredKind = (typeof authoredKinds)[number];
export const isAuthoredKind = (kind: string): kind is AuthoredKind =>
  (authoredKinds as readonly string[]).includes(kind);

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof METHODS)[number];
export const httpMethods: readonly HttpMethod[] = METHODS;

/** What the template editor edits: each kind's definition as text fields (headers one per line, the sample as JSON). */
export interface TemplateDraft {
  templateId: string | null;
  kind: AuthoredKind;
  name: string;
  description: string;
  category: string;
  dataSourceId: string;
  sql: string;
  http: { method: HttpMethod; url: string; headers: string; body: string; rows: string };
  transform: { expression: string; sample: string };
  parameters: ParameterSpec[];
  /** As saved; the editor replaces them with what describing or a preview finds. */
  outputs: OutputField[];
  chartConfig: ChartConfig | null;
  isPublic: boolean;
}

const text = (value: unknown) => (typeof value === "string" ? value : "");

/** What the template editor starts from: a saved template, a copy of one, or a blank one of a kind. */
export function templateDraft(
  from: TemplateResponse | null,
  options: { copy: boolean; defaultDataSourceId: string; kind?: AuthoredKind },
): TemplateDraft {
  const definition = from?.definition ?? {};
  const method = text(definition.method).toUpperCase();
  const headers = (definition.headers ?? {}) as Record<string, string>;
  return {
    templateId: from && !options.copy ? from.templateId : null,
    kind: from && isAuthoredKind(from.kind) ? from.kind : (options.kind ?? "sql"),
    name: from ? (options.copy ? `${from.name} (copy)` : from.name) : "Untitled template",
    description: from?.description ?? "",
    category: from && !options.copy ? from.category : "My templates",
    dataSourceId: from?.dataSourceId ?? options.defaultDataSourceId,
    sql: text(definition.sql) || "SELECT 1 AS one",
    http: {
      method: METHODS.find((known) => known === method) ?? "GET",
      url: text(definition.url) || "https://api.example.com/items?limit={{limit}}",
      headers: Object.entries(headers)
        .map(([name, value]) => `${name}: ${value}`)
        .join("\n"),
      body: text(definition.body),
      rows: text(definition.rows),
    },
    transform: {
      expression: text(definition.expression) || '{ "total": $sum(values) }',
      sample: JSON.stringify(definition.sample ?? { values: [1, 2, 3] }, null, 2),
    },
    parameters: from?.parameters ?? [],
    outputs: from?.outputs ?? [],
    chartConfig: from?.chartConfig ?? null,
    isPublic: from && !options.copy ? from.isPublic : false,
  };
}

/** The draft's kind and definition as the API takes them, or why they cannot be sent yet. */
export function draftDefinition(draft: TemplateDraft):
  | { ok: true; body: { kind: "sql"; dataSourceId: string; definition: { sql: string } } }
  | {
      ok: true;
      body: {
        kind: "http";
        definition: {
          method: HttpMethod;
          url: string;
          headers: Record<string, string>;
          body?: string;
          rows?: string;
        };
        /** The template being edited: its stored header values stand for the hidden ones. */
        templateId?: string;
      };
    }
  | {
      ok: true;
      body: { kind: "transform"; definition: { expression: string; sample: Record<string, unknown> } };
    }
  | { ok: false; error: string } {
  switch (draft.kind) {
    case "sql":
      return {
        ok: true,
        body: { kind: "sql", dataSourceId: draft.dataSourceId, definition: { sql: draft.sql } },
      };
    case "http": {
      const headers: Record<string, string> = {};
      for (const [index, line] of draft.http.headers.split("\n").entries()) {
        if (!line.trim()) continue;
        const colon = line.indexOf(":");
        if (colon < 1) return { ok: false, error: `Header line ${index + 1} needs the form "Name: value".` };
        headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
      }
      const { method, url, body, rows } = draft.http;
      return {
        ok: true,
        body: {
          kind: "http",
          definition: { method, url, headers, body: body || undefined, rows: rows.trim() || undefined },
          ...(draft.templateId ? { templateId: draft.templateId } : {}),
        },
      };
    }
    case "transform": {
      let sample: unknown;
      try {
        sample = JSON.parse(draft.transform.sample || "{}");
      } catch (error) {
        return { ok: false, error: `The sample input is not JSON: ${(error as Error).message}` };
      }
      if (typeof sample !== "object" || sample === null || Array.isArray(sample))
        return { ok: false, error: "The sample input must be a JSON object: a value for each parameter." };
      return {
        ok: true,
        body: {
          kind: "transform",
          definition: { expression: draft.transform.expression, sample: sample as Record<string, unknown> },
        },
      };
    }
  }
}
