"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { authClient } from "@/lib/auth/client";

export function SignOutForm({ email }: { email: string | null }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);

  if (!email) {
    return (
      <div className="space-y-4 text-center">
        <h1 className="text-lg font-semibold">You are signed out</h1>
        <Link href="/sign-in" className="font-medium text-indigo-600 hover:underline">
          Sign in again
        </Link>
      </div>
    );
  }

  async function signOut() {
    setPending(true);
    await authClient.signOut();
    router.replace("/sign-in");
    router.refresh();
  }

  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">Sign out</h1>
      <p className="text-sm text-slate-600">
        You are signed in as <strong>{email}</strong>.
      </p>
      <button
        type="button"
        onClick={signOut}
        disabled={pending}
        className="w-full rounded-md bg-slate-900 px-3 py-2 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60"
      >
        {pending ? "Signing out…" : "Sign out"}
      </button>
      <Link href="/" className="block text-center text-sm text-slate-600 hover:underline">
        Stay signed in
      </Link>
    </div>
  );
}
