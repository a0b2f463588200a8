import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { requireUser } from "@/lib/auth/session";
import { listCompositions } from "@/lib/compositions/list";
import { listCompositionsQuerySchema } from "@/lib/compositions/schema";
import { db } from "@/lib/db/client";

export const metadata: Metadata = { title: "Compositions" };

export default async function CompositionsPage() {
  const user = await requireUser();
  const { items: compositions } = await listCompositions(
    db(),
    user,
    listCompositionsQuerySchema.parse({ limit: 100 }),
  );
  return (
    <>
      <PageHeader
        title="Compositions"
        description="Your compositions and the public ones shared with everyone."
      />
      {compositions.length === 0 ? (
        <EmptyState>No compositions yet.</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {compositions.map((composition) => (
            <li key={composition.compositionId} className="flex items-start gap-4 px-5 py-4">
              <div className="min-w-0 flex-1">
                <Link
                  href={`/compositions/${composition.compositionId}`}
                  className="font-medium hover:text-indigo-700 hover:underline"
                >
                  {composition.name}
                </Link>
                <p className="font-mono text-xs text-slate-500">{composition.compositionId}</p>
                {composition.description && (
                  <p className="mt-1 text-sm text-slate-600">{composition.description}</p>
                )}
                <div className="mt-2 flex flex-wrap gap-1.5">
                  {composition.tags.map((tag) => (
                    <span key={tag} className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
                      {tag}
                    </span>
                  ))}
                </div>
              </div>
              <dl className="grid shrink-0 grid-cols-[auto_auto] gap-x-3 text-right text-xs text-slate-500">
                <dt>Nodes</dt>
                <dd className="font-medium text-slate-800">{composition.nodeCount}</dd>
                <dt>Visibility</dt>
                <dd className="font-medium text-slate-800">{composition.isPublic ? "Public" : "Private"}</dd>
                <dt>Updated</dt>
                <dd className="font-medium text-slate-800">
                  <time dateTime={composition.updatedAt}>{composition.updatedAt.slice(0, 10)}</time>
                </dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
