"use client";
import { useMemo, useState } from "react";
import { SearchInput } from "@/components/ui/search-input";
import { useTemplates } from "@/lib/queries/templates";
import { groupTemplates } from "@/lib/templates/search";
import { TemplateCard } from "./template-card";

export function TemplateCatalog() {
  const { data: templates, isPending, error, refetch } = useTemplates();
  const [search, setSearch] = useState("");

  const groups = useMemo(() => groupTemplates(templates ?? [], search), [templates, search]);

  if (isPending) {
    return (
      <div
        role="status"
        aria-busy="true"
        aria-label="Loading templates"
        className="grid gap-4 md:grid-cols-2"
      >
        {[0, 1, 2, 3].map((key) => (
          <div key={key} className="h-48 animate-pulse rounded-lg bg-slate-200" />
        ))}
      </div>
    );
  }
  if (error) {
    return (
      <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800">
        Could not load the templates: {error.message}{" "}
        <button type="button" onClick={() => refetch()} className="font-medium underline">
          Try again
        </button>
      </div>
    );
  }

  return (
    <>
      <SearchInput
        label="Search templates"
        value={search}
        onValueChange={setSearch}
        placeholder="Search templates"
        className="mb-6 w-full max-w-sm"
      />
      {groups.size === 0 ? (
        <p className="text-slate-600">No template matches “{search}”.</p>
      ) : (
        [...groups].map(([category, items]) => (
          <section key={category} className="mb-8">
            <h2 className="mb-3 text-sm font-semibold text-slate-700">{category}</h2>
            <div className="grid gap-4 md:grid-cols-2">
              {items.map((template) => (
                <TemplateCard key={template.templateId} template={template} />
              ))}
            </div>
          </section>
        ))
      )}
    </>
  );
}
