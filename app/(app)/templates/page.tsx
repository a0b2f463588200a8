import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { TemplateCatalog } from "@/components/templates/template-catalog";

export const metadata: Metadata = { title: "Templates" };

export default function TemplatesPage() {
  return (
    <>
      <PageHeader
        title="Templates"
        description="The building blocks of compositions: each template's kind, parameters and output fields."
      />
      <TemplateCatalog />
    </>
  );
}
