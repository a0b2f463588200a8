import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";

export const metadata: Metadata = { title: "Schedules" };

export default function SchedulesPage() {
  return (
    <>
      <PageHeader title="Schedules" />
      <EmptyState>
        Scheduling is not available yet: it comes after the execution engine. Schedules will be listed here.
      </EmptyState>
    </>
  );
}
