import type { Metadata } from "next";
import { CompositionList } from "@/components/compositions/composition-list";
import { PageHeader } from "@/components/page-header";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Compositions" };

export default async function CompositionsPage() {
  const user = await requireUser();
  return (
    <>
      <PageHeader
        title="Compositions"
        description="Your compositions and the public ones shared with everyone."
      />
      <CompositionList isAdmin={user.role === "admin"} />
    </>
  );
}
