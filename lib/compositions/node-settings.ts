import { z } from "zod";

/**
 * A node's settings, read from its `config`: how often to retry and how long one attempt may take.
 * Checked when the document is validated (finding `invalid_node_settings`) and read by the engine.
 */
export const nodeSettingsSchema = z.object({
  maxRetries: z.number().int().min(0).max(10).default(3),
  timeoutMs: z.number().int().positive().optional(),
});
