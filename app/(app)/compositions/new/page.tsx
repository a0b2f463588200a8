import type { Metadata } from "next";
import { CompositionEditor } from "@/components/editor/composition-editor";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { listTemplates } from "@/lib/templates/service";

export const metadata: Metadata = { title: "New composition" };

export default async function NewCompositionPage() {
  const user = await requireUser();
  return <CompositionEditor composition={null} templates={await listTemplates(db(), user)} />;
}
