import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { InviteList } from "@/components/admin/invite-list";
import { PageHeader } from "@/components/page-header";
import { requireUser } from "@/lib/auth/session";
import { listInvites } from "@/lib/auth/signup";
import { db } from "@/lib/db/client";

export const metadata: Metadata = { title: "Invites" };
export const dynamic = "force-dynamic";

const policyText = {
  open: "Anyone who can reach this QueryFlow can create an account (SIGNUP=open).",
  invite: "New accounts need an invite link. Each link works once, for 7 days.",
  closed: "Sign-up is closed (SIGNUP=closed): invite links do not work either.",
};

export default async function InvitesPage() {
  const user = await requireUser();
  if (user.role !== "admin") notFound();
  const { invites, policy } = await listInvites(db(), user);
  return (
    <>
      <PageHeader title="Invites" description={policyText[policy]} />
      <InviteList initial={invites} />
    </>
  );
}
