import type { Metadata } from "next";
import { TokenList } from "@/components/account/token-list";
import { PageHeader } from "@/components/page-header";
import { requireUser } from "@/lib/auth/session";
import { listTokens } from "@/lib/auth/tokens";
import { db } from "@/lib/db/client";

export const metadata: Metadata = { title: "Account" };
export const dynamic = "force-dynamic";

// /account — who you are, and your API tokens
export default async function AccountPage() {
  const user = await requireUser();
  const tokens = await listTokens(db(), user);
  return (
    <>
      <PageHeader
        title="Account"
        description={`${user.name} · ${user.email}${user.role === "admin" ? " · admin" : ""}`}
      />
      <h2 className="mb-1 text-lg font-semibold">API tokens</h2>
      <p className="mb-4 max-w-3xl text-sm text-slate-600">
        A token lets a script, a CI job or another tool use the API as you, without your password:{" "}
        <code className="font-mono text-xs">Authorization: Bearer qf_…</code> — its scope limits what it may
        do, and revoking it stops it at once. See{" "}
        <a className="text-indigo-700 underline" href="/api/openapi.json">
          the API description
        </a>
        .
      </p>
      <TokenList initial={tokens} />
    </>
  );
}
