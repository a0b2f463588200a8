import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { StatusBadge } from "@/components/canvas/run-status";
import { RunDemoButton } from "@/components/dashboard/run-demo-button";
import { DateTime } from "@/components/date-time";
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

/** What a new user sees until their first run: what QueryFlow is, and the demo one click away. */
function FirstSteps({
  demo,
  isAdmin,
}: {
  demo: { compositionId: string; name: string } | null;
  isAdmin: boolean;
}) {
  return (
    <section
      aria-label="Getting started"
      className="mb-4 rounded-lg border border-indigo-200 bg-indigo-50 p-5"
    >
      <h2 className="text-lg font-semibold text-slate-900">
        QueryFlow turns SQL queries, HTTP calls and JSONata transforms into flows you draw, run and schedule.
      </h2>
      {isAdmin && (
        <p className="mt-1 text-sm text-slate-700">
          You are this QueryFlow&apos;s administrator: you see everyone&apos;s runs and can{" "}
          <Link href="/admin/invites" className="text-indigo-700 underline">
            invite people
          </Link>
          .
        </p>
      )}
      {demo ? (
        <>
          <p className="mt-3 text-sm text-slate-700">
            Start with the demo: <strong>{demo.name}</strong> finds the top campaigns, reads their daily and
            product performance in parallel, and sums them up with ROAS. Its results open as tables and
            charts.
          </p>
          <div className="mt-3 flex flex-wrap items-start gap-3">
            <RunDemoButton compositionId={demo.compositionId} name={demo.name} />
            <Link
              href={`/compositions/${demo.compositionId}`}
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50"
            >
              Open it in the editor
            </Link>
            <Link href="/compositions/new" className="px-1 py-1.5 text-sm text-indigo-700 hover:underline">
              or start a new composition
            </Link>
          </div>
        </>
      ) : (
        <p className="mt-3 text-sm">
          <Link href="/compositions/new" className="text-indigo-700 underline">
            Start a new composition
          </Link>{" "}
          or pick a template to run on the Templates page.
        </p>
      )}
    </section>
  );
}

export default async function DashboardPage() {
  const user = await requireUser();
  const { firstSteps, inProgress, failures, failuresSinceDays, favorites, upcoming } = await loadDashboard(
    db(),
    user,
  );
  return (
    <>
      <PageHeader title="Dashboard" description={`Welcome${firstSteps ? "" : " back"}, ${user.name}.`}>
        <Link
          href="/compositions/new"
          className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500"
        >
          New composition
        </Link>
      </PageHeader>
      {firstSteps && <FirstSteps demo={firstSteps.demo} isAdmin={user.role === "admin"} />}
      <div className="grid gap-4 lg:grid-cols-2">
        <Panel title="Runs in progress">
          {inProgress.length ? (
            <RunTable runs={inProgress} compact />
          ) : (
            <p className={quiet}>Nothing is running.</p>
          )}
        </Panel>
        <Panel title="Recent failures" more={{ href: "/executions?status=failed", label: "All failed runs" }}>
          {failures.length ? (
            <RunTable runs={failures} compact />
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
                    <DateTime iso={schedule.nextRunAt} />
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
