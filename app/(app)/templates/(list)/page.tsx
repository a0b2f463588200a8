import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { TemplateCatalog } from "@/components/templates/template-catalog";

export const metadata: Metadata = { title: "Templates" };

export default function TemplatesPage() {
  return (
    <>
      <PageHeader
        title="Templates"
        description="The building blocks of compositions: each template's kind, parameters and output fields."
      >
        <Link
          href="/templates/new"
          className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500"
        >
          New template
        </Link>
      </PageHeader>
      <TemplateCatalog />
    </>
  );
}
