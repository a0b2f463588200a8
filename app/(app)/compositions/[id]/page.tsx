import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CompositionEditor } from "@/components/editor/composition-editor";
import { AppError } from "@/lib/api/errors";
import { requireUser } from "@/lib/auth/session";
import { getComposition } from "@/lib/compositions/service";
import { db } from "@/lib/db/client";
import { templatesForGraph } from "@/lib/templates/versions";

export const metadata: Metadata = { title: "Composition" };

export default async function CompositionPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const composition = await getComposition(db(), user, id).catch((error) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const templates = await templatesForGraph(db(), user, composition.nodes);
  return <CompositionEditor composition={composition} {...templates} />;
}
