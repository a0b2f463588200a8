import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { StatusBadge } from "@/components/canvas/run-status";
import { RunTable } from "@/components/executions/run-table";
import { PageHeader } from "@/components/page-header";
import { requireUser } from "@/lib/auth/session";
import { loadDashboard } from "@/lib/dashboard";
import { db } from "@/lib/db/client";

export const metadata: Metadata = { title: "Dashboard" };
export const dynamic = "force-dynamic";

/** A dashboard card, with a link to the whole list it samples. */
function Panel({
  title,
  more,
  children,
}: {
  title: string;
  more?: { href: string; label: string };
  children: ReactNode;
}) {
  return (
    // min-w-0: a wide run table scrolls inside its card instead of widening the grid past the window.
    <section aria-label={title} className="min-w-0 rounded-lg border border-slate-200 bg-white p-4">
      <div className="mb-3 flex items-baseline justify-between">
        <h2 className="font-semibold">{title}</h2>
        {more && (
          <Link href={more.href} className="text-xs text-indigo-600 hover:underline">
            {more.label} →
          </Link>
        )}
      </div>
      {children}
    </section>
  );
}

const quiet = "text-sm text-slate-600";

export default async function DashboardPage() {
  const user = await requireUser();
  const { inProgress, failures, failuresSinceDays, favorites, upcoming } = await loadDashboard(db(), user);
  return (
    <>
      <PageHeader title="Dashboard" description={`Welcome back, ${user.name}.`}>
        <Link
          href="/compositions/new"
          className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500"
        >
          New composition
        </Link>
      </PageHeader>
      <div className="grid gap-4 lg:grid-cols-2">
        <Panel title="Runs in progress">
          {inProgress.length ? <RunTable runs={inProgress} /> : <p className={quiet}>Nothing is running.</p>}
        </Panel>
        <Panel title="Recent failures" more={{ href: "/executions?status=failed", label: "All failed runs" }}>
          {failures.length ? (
            <RunTable runs={failures} />
          ) : (
            <p className={quiet}>No failed runs in the last {failuresSinceDays} days.</p>
          )}
        </Panel>
        <Panel title="Favorites" more={{ href: "/compositions", label: "All compositions" }}>
          {favorites.length ? (
            <ul className="divide-y divide-slate-100 text-sm">
              {favorites.map((item) => (
                <li key={item.id} className="flex items-center justify-between gap-2 py-1.5">
                  <Link href={`/compositions/${item.compositionId}`} className="font-medium hover:underline">
                    <span aria-hidden className="text-amber-500">
                      ★{" "}
                    </span>
                    {item.name}
                  </Link>
                  <span className="text-[11px]">
                    {item.lastRun ? (
                      <StatusBadge status={item.lastRun.status} />
                    ) : (
                      <span className="text-slate-500">never run</span>
                    )}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className={quiet}>Star compositions in the list to keep them here.</p>
          )}
        </Panel>
        <Panel title="Upcoming scheduled runs" more={{ href: "/schedules", label: "All schedules" }}>
          {upcoming.length ? (
            <ul className="divide-y divide-slate-100 text-sm">
              {upcoming.map((schedule) => (
                <li key={schedule.id} className="flex items-center justify-between gap-2 py-1.5">
                  <span>
                    <span className="font-medium">{schedule.composition?.name}</span>
                    <span className="block text-xs text-slate-500">{schedule.description}</span>
                  </span>
                  <time dateTime={schedule.nextRunAt!} className="text-xs tabular-nums">
                    {schedule.nextRunAt!.replace("T", " ").slice(0, 19)} UTC
                  </time>
                </li>
              ))}
            </ul>
          ) : (
            <p className={quiet}>Nothing is scheduled.</p>
          )}
        </Panel>
      </div>
    </>
  );
}
