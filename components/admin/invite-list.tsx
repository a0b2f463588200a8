"use client";
import { useState } from "react";
import { DateTime } from "@/components/date-time";
import { EmptyState } from "@/components/empty-state";
import { ShownOnce } from "@/components/ui/shown-once";
import { TableHead } from "@/components/ui/table-head";
import type { InviteResponse } from "@/lib/auth/signup";
import { useInviteChanges } from "@/lib/queries/invites";

const statusStyle = {
  open: "bg-emerald-50 text-emerald-800",
  used: "bg-slate-100 text-slate-700",
  expired: "bg-amber-50 text-amber-800",
} as const;

/** An admin's invites: create one (its link is shown once, to copy), see who used which, withdraw. */
export function InviteList({ initial }: { initial: InviteResponse[] }) {
  const [invites, setInvites] = useState(initial);
  const [note, setNote] = useState("");
  const [link, setLink] = useState<string | null>(null);
  const { create, withdraw } = useInviteChanges();
  const make = () =>
    create.mutate(
      { note },
      {
        onSuccess: ({ link: created, ...invite }) => {
          setLink(created);
          setNote("");
          setInvites((rows) => [invite, ...rows]);
        },
      },
    );
  const withdrawOne = (id: string) =>
    withdraw.mutate(id, { onSuccess: () => setInvites((rows) => rows.filter((row) => row.id !== id)) });

  return (
    <div className="space-y-6">
      <form
        className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4"
        onSubmit={(event) => {
          event.preventDefault();
          make();
        }}
      >
        <label className="block min-w-64 flex-1 text-sm font-medium">
          Note (who it is for)
          <input
            value={note}
            onChange={(event) => setNote(event.target.value)}
            maxLength={200}
            placeholder="e.g. Dana, marketing analytics"
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
          />
        </label>
        <button
          type="submit"
          disabled={create.isPending}
          className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60"
        >
          {create.isPending ? "Creating…" : "Create invite link"}
        </button>
        {create.error && (
          <p role="alert" className="w-full text-sm text-red-700">
            {create.error.message}
          </p>
        )}
        {link && (
          <ShownOnce label="Invite link" value={link} message="Send this link; it is shown only now." />
        )}
      </form>
      {withdraw.error && (
        <p role="alert" className="text-sm text-red-700">
          {withdraw.error.message}
        </p>
      )}
      {invites.length === 0 ? (
        <EmptyState>No invites yet. Create one above and send its link to the person joining.</EmptyState>
      ) : (
        <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm">
          <TableHead
            columns={["Note", "Status", "Created", "Expires", "Used by", ""]}
            className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500"
            cellClassName="px-3 py-2"
          />
          <tbody>
            {invites.map((invite) => (
              <tr key={invite.id} className="border-t border-slate-100">
                <td className="px-3 py-2">{invite.note || <span className="text-slate-400">—</span>}</td>
                <td className="px-3 py-2">
                  <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${statusStyle[invite.status]}`}>
                    {invite.status}
                  </span>
                </td>
                <td className="px-3 py-2 text-slate-600">
                  <DateTime iso={invite.createdAt} />
                </td>
                <td className="px-3 py-2 text-slate-600">
                  <DateTime iso={invite.expiresAt} />
                </td>
                <td className="px-3 py-2 text-slate-600">{invite.usedByEmail ?? ""}</td>
                <td className="px-3 py-2 text-right">
                  {invite.status === "open" && (
                    <button
                      type="button"
                      onClick={() => withdrawOne(invite.id)}
                      className="rounded px-2 py-1 text-xs text-red-700 hover:bg-red-50"
                    >
                      Withdraw
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
