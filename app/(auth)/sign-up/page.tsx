import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { AuthForm } from "@/components/auth/auth-form";
import { signupPolicy } from "@/lib/auth/signup";
import { db } from "@/lib/db/client";

export const metadata: Metadata = { title: "Create account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ invite?: string }> }) {
  const [policy, { invite }] = await Promise.all([signupPolicy(db()), searchParams]);
  if (policy === "closed" || (policy === "invite" && !invite)) {
    return (
      <div className="space-y-4 text-sm">
        <h1 className="text-lg font-semibold">Accounts are by invitation</h1>
        <p className="text-slate-600">
          {policy === "closed"
            ? "New accounts are not being created here. Ask an administrator of this QueryFlow for one."
            : "To create an account, open the invite link an administrator of this QueryFlow gave you."}
        </p>
        <Link href="/sign-in" className="font-medium text-indigo-600 hover:underline">
          Sign in
        </Link>
      </div>
    );
  }
  return (
    <Suspense>
      <AuthForm mode="sign-up" />
    </Suspense>
  );
}
