import { type ParsedTemplateDefinition, templateDefinitionSchema } from "../types";
import { campaignAnalyticsTemplates } from "./campaign-analytics";
import { utilityTemplates } from "./utilities";

/** Every template QueryFlow ships, parsed (a malformed definition fails at import, in every test). */
export const templateCatalog: ParsedTemplateDefinition[] = [
  ...campaignAnalyticsTemplates,
  ...utilityTemplates,
].map((template) => templateDefinitionSchema.parse(template));
