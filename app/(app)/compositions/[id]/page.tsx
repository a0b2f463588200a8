import type { Metadata } from "next";
import { CompositionEditor } from "@/components/editor/composition-editor";
import { orNotFound } from "@/lib/api/or-not-found";
import { requireUser } from "@/lib/auth/session";
import { getComposition } from "@/lib/compositions/service";
import { db } from "@/lib/db/client";
import { templatesForGraph } from "@/lib/templates/versions";

export const metadata: Metadata = { title: "Composition" };

export default async function CompositionPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const composition = await orNotFound(getComposition(db(), user, id));
  const templates = await templatesForGraph(db(), user, composition.nodes);
  return <CompositionEditor composition={composition} {...templates} />;
}
