import type { CompositionNode } from "@/lib/compositions/schema";
import type { TemplateResponse } from "@/lib/templates/schema";

/** The templates a view knows: the current version of each, and older versions nodes are pinned to. */
export interface TemplateLookup {
  current: Map<string, TemplateResponse>;
  older: Map<string, TemplateResponse>;
}

export function templateLookup(
  templates: TemplateResponse[],
  older: TemplateResponse[] = [],
): TemplateLookup {
  return {
    current: new Map(templates.map((template) => [template.templateId, template])),
    older: new Map(older.map((template) => [`${template.templateId}@${template.version}`, template])),
  };
}

/**
 * The template as the node runs it (its pinned version), and the current version when that is
 * newer: what the editor offers as an upgrade. A pinned version the view was not given is shown
 * as the current one (validation still names the difference).
 */
export function templateOfNode(
  lookup: TemplateLookup,
  node: Pick<CompositionNode, "templateId" | "templateVersion">,
): { template: TemplateResponse | undefined; newerVersion: number | null } {
  const current = lookup.current.get(node.templateId);
  const pinned = lookup.older.get(`${node.templateId}@${node.templateVersion}`) ?? current;
  const newerVersion =
    current && node.templateVersion !== undefined && current.version > node.templateVersion
      ? current.version
      : null;
  return { template: pinned, newerVersion };
}
