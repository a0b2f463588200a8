import type { Metadata } from "next";
import { DataSourceDialog } from "@/components/data-sources/data-source-dialog";
import { DataSourceList } from "@/components/data-sources/data-source-list";
import { PageHeader } from "@/components/page-header";
import { requireUser } from "@/lib/auth/session";
import { listDataSources } from "@/lib/data-sources/service";
import { db } from "@/lib/db/client";

export const metadata: Metadata = { title: "Data sources" };
export const dynamic = "force-dynamic";

export default async function DataSourcesPage() {
  const user = await requireUser();
  const dataSources = await listDataSources(db(), user);
  return (
    <>
      <PageHeader
        title="Data sources"
        description="The databases SQL templates query. Queries are read-only and bounded, whatever their SQL says; passwords are encrypted and never shown again."
      >
        <DataSourceDialog isAdmin={user.role === "admin"} />
      </PageHeader>
      <DataSourceList initial={dataSources} isAdmin={user.role === "admin"} />
    </>
  );
}
