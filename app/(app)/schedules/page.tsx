import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { ScheduleList } from "@/components/schedules/schedule-list";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { listSchedules } from "@/lib/schedules/service";

export const metadata: Metadata = { title: "Schedules" };
export const dynamic = "force-dynamic";

export default async function SchedulesPage() {
  const user = await requireUser();
  const schedules = await listSchedules(db(), user);
  return (
    <>
      <PageHeader
        title="Schedules"
        description="Compositions that run on a cron schedule. Add one from a composition's editor (Schedule…)."
      />
      {schedules.length === 0 ? (
        <EmptyState>
          No schedules yet. Open a composition and choose Schedule… to run it on a timetable.
        </EmptyState>
      ) : (
        <ScheduleList schedules={schedules} />
      )}
    </>
  );
}
