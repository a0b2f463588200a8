import type { TemplateResponse } from "./service";

/** What the template editor starts from: a saved template, a copy of one, or a blank SQL template. */
export function templateDraft(
  from: TemplateResponse | null,
  options: { copy: boolean; defaultDataSourceId: string },
) {
  const sql = typeof from?.definition.sql === "string" ? from.definition.sql : "";
  return {
    templateId: from && !options.copy ? from.templateId : null,
    name: from ? (options.copy ? `${from.name} (copy)` : from.name) : "Untitled template",
    description: from?.description ?? "",
    category: from && !options.copy ? from.category : "My templates",
    dataSourceId: from?.dataSourceId ?? options.defaultDataSourceId,
    sql: sql || "SELECT 1 AS one",
    parameters: from?.parameters ?? [],
    chartConfig: from?.chartConfig ?? null,
    isPublic: from && !options.copy ? from.isPublic : false,
  };
}
