"use client";
import { useState } from "react";
import { DateTime } from "@/components/date-time";
import { EmptyState } from "@/components/empty-state";
import { Button } from "@/components/ui/button";
import { ShownOnce } from "@/components/ui/shown-once";
import { TableHead } from "@/components/ui/table-head";
import { type TokenScope, tokenScopes } from "@/lib/api/scopes";
import type { TokenResponse } from "@/lib/auth/token-schema";
import { useTokenChanges } from "@/lib/queries/tokens";

const scopeText: Record<TokenScope, string> = {
  read: "read what you can read",
  run: "also start, cancel and retry runs",
  write: "also create, change and delete",
};

const expiries = [
  { label: "30 days", days: 30 },
  { label: "90 days", days: 90 },
  { label: "1 year", days: 365 },
  { label: "never", days: null },
] as const;

const field = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm";

/** Your API tokens: make one (its secret shown once), see when each was last used, revoke. */
export function TokenList({ initial }: { initial: TokenResponse[] }) {
  const [tokens, setTokens] = useState(initial);
  const [name, setName] = useState("");
  const [scope, setScope] = useState<TokenScope>("read");
  const [expiry, setExpiry] = useState<string>("90 days");
  const [secret, setSecret] = useState<string | null>(null);
  const { create, revoke } = useTokenChanges();
  const make = () => {
    const days = expiries.find((option) => option.label === expiry)?.days ?? null;
    const expiresAt = days === null ? null : new Date(Date.now() + days * 86_400_000).toISOString();
    create.mutate(
      { name, scopes: [scope], expiresAt },
      {
        onSuccess: (created) => {
          setSecret(created.secret);
          setName("");
          setTokens((rows) => [created.token, ...rows]);
        },
      },
    );
  };
  const revokeOne = (id: string) =>
    revoke.mutate(id, { onSuccess: () => setTokens((rows) => rows.filter((row) => row.id !== id)) });

  return (
    <div className="space-y-6">
      <form
        aria-label="New API token"
        className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4"
        onSubmit={(event) => {
          event.preventDefault();
          make();
        }}
      >
        <label className="block min-w-56 flex-1 text-sm font-medium">
          Name
          <input
            value={name}
            required
            maxLength={100}
            onChange={(event) => setName(event.target.value)}
            placeholder="e.g. nightly export script"
            className={field}
          />
        </label>
        <label className="block text-sm font-medium">
          Scope
          <select
            value={scope}
            onChange={(event) => setScope(event.target.value as TokenScope)}
            className={field}
          >
            {tokenScopes.map((option) => (
              <option key={option} value={option}>
                {option} — {scopeText[option]}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm font-medium">
          Expires after
          <select value={expiry} onChange={(event) => setExpiry(event.target.value)} className={field}>
            {expiries.map((option) => (
              <option key={option.label}>{option.label}</option>
            ))}
          </select>
        </label>
        <Button type="submit" variant="primary" disabled={create.isPending || !name.trim()}>
          {create.isPending ? "Creating…" : "Create token"}
        </Button>
        {create.error && (
          <p role="alert" className="w-full text-sm text-red-700">
            {create.error.message}
          </p>
        )}
        {secret && (
          <ShownOnce
            label="API token"
            value={secret}
            message="Copy this token now: it is shown only once. Send it as Authorization: Bearer …"
          />
        )}
      </form>
      {revoke.error && (
        <p role="alert" className="text-sm text-red-700">
          {revoke.error.message}
        </p>
      )}
      {tokens.length === 0 ? (
        <EmptyState>No API tokens yet. Make one above for a script, a CI job or another tool.</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-sm">
            <TableHead
              columns={["Name", "Token", "Scope", "Created", "Expires", "Last used", ""]}
              className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500"
              cellClassName="px-3 py-2"
            />
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id} className="border-t border-slate-100">
                  <td className="px-3 py-2 font-medium">{token.name}</td>
                  <td className="px-3 py-2 font-mono text-xs text-slate-600">{token.prefix}…</td>
                  <td className="px-3 py-2">{token.scopes.join(", ")}</td>
                  <td className="px-3 py-2 text-slate-600">
                    <DateTime iso={token.createdAt} />
                  </td>
                  <td className="px-3 py-2 text-slate-600">
                    <DateTime iso={token.expiresAt} fallback="never" />
                  </td>
                  <td className="px-3 py-2 text-slate-600">
                    <DateTime iso={token.lastUsedAt} fallback="never" />
                  </td>
                  <td className="px-3 py-2 text-right">
                    <Button
                      variant="dangerQuiet"
                      size="sm"
                      aria-label={`Revoke ${token.name}`}
                      onClick={() => revokeOne(token.id)}
                    >
                      Revoke
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
