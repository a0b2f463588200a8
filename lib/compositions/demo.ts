import type { Db } from "@/lib/db/client";
import { DEMO_COMPOSITION_ID, demoComposition } from "./demo-document";
import { compositionDocumentSchema } from "./schema";
import { insertComposition, pinAndValidate } from "./service";

/** Creates the public demo composition (owned by no one: admins edit it) unless it exists. */
export async function ensureDemoComposition(db: Db): Promise<boolean> {
  if (await db.composition.findUnique({ where: { compositionId: DEMO_COMPOSITION_ID } })) return false;
  const { document, result } = await pinAndValidate(
    db,
    null,
    compositionDocumentSchema.parse(demoComposition),
  );
  if (result.findings.length)
    throw new Error(`The demo composition is invalid: ${result.findings[0]!.message}`);
  await db.$transaction((tx) => insertComposition(tx, null, document, result));
  return true;
}
