import type { Db } from "@/lib/db/client";
import { DEMO_COMPOSITION_ID, demoComposition } from "./demo-document";
import { compositionDocumentSchema } from "./schema";
import { insertComposition } from "./service";
import { loadTemplateInfo } from "./templates-info";
import { validateComposition } from "./validation/validate";

/** Creates the public demo composition (owned by no one: admins edit it) unless it exists. */
export async function ensureDemoComposition(db: Db): Promise<boolean> {
  if (await db.composition.findUnique({ where: { compositionId: DEMO_COMPOSITION_ID } })) return false;
  const document = compositionDocumentSchema.parse(demoComposition);
  const result = validateComposition(document, await loadTemplateInfo(db, null));
  if (result.findings.length)
    throw new Error(`The demo composition is invalid: ${result.findings[0]!.message}`);
  await db.$transaction((tx) => insertComposition(tx, null, document, result));
  return true;
}
