import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";

export const metadata: Metadata = { title: "Schedules" };

export default function SchedulesPage() {
  return (
    <>
      <PageHeader title="Schedules" />
      <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
        Scheduling is not available yet: it comes after the execution engine. Schedules will be listed here.
      </p>
    </>
  );
}
