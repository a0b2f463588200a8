import type { Metadata } from "next";
import { headers } from "next/headers";
import { SignOutForm } from "@/components/auth/sign-out-form";
import { getSessionUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign out" };

export default async function SignOutPage() {
  const user = await getSessionUser(await headers());
  return <SignOutForm email={user?.email ?? null} />;
}
