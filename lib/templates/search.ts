import type { TemplateResponse } from "./schema";

/**
 * Templates matching a search (name, id, description, kind, tags; case-insensitive), grouped by
 * category in catalog order. Not Map.groupBy: this also renders on the server, and Node 20 lacks it.
 */
export function groupTemplates(
  templates: TemplateResponse[],
  search: string,
): Map<string, TemplateResponse[]> {
  const needle = search.trim().toLowerCase();
  const groups = new Map<string, TemplateResponse[]>();
  for (const template of templates) {
    const texts = [template.name, template.templateId, template.description, template.kind, ...template.tags];
    if (!texts.some((text) => text.toLowerCase().includes(needle))) continue;
    groups.set(template.category, [...(groups.get(template.category) ?? []), template]);
  }
  return groups;
}
