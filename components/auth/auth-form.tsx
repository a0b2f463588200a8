"use client";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { type FormEvent, useState } from "react";
import { authClient } from "@/lib/auth/client";
import { INVITE_HEADER } from "@/lib/auth/invite-header";
import { safeNext } from "@/lib/auth/safe-next";

const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500";

export function AuthForm({ mode }: { mode: "sign-in" | "sign-up" }) {
  const router = useRouter();
  // Checked again at navigation, against the page's own origin: never another site.
  const params = useSearchParams();
  const next = params.get("next") ?? "/";
  const invite = params.get("invite");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const signUp = mode === "sign-up";

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email"));
    const password = String(form.get("password"));
    setPending(true);
    setError(null);
    const result = signUp
      ? await authClient.signUp.email(
          { email, password, name: String(form.get("name")) },
          { headers: invite ? { [INVITE_HEADER]: invite } : {} },
        )
      : await authClient.signIn.email({ email, password });
    setPending(false);
    if (result.error) {
      setError(
        result.error.status === 429
          ? "Too many attempts. Wait a minute, then try again."
          : (result.error.message ?? "That did not work. Try again."),
      );
      return;
    }
    router.replace(safeNext(next, window.location.origin));
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" aria-label={signUp ? "Create account" : "Sign in"}>
      <h1 className="text-lg font-semibold">{signUp ? "Create your account" : "Sign in"}</h1>
      {signUp && (
        <label className="block text-sm font-medium">
          Name
          <input name="name" required autoComplete="name" className={inputClass} />
        </label>
      )}
      <label className="block text-sm font-medium">
        Email
        <input name="email" type="email" required autoComplete="email" className={inputClass} />
      </label>
      <label className="block text-sm font-medium">
        Password
        <input
          name="password"
          type="password"
          required
          minLength={8}
          autoComplete={signUp ? "new-password" : "current-password"}
          className={inputClass}
        />
      </label>
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60"
      >
        {pending ? "Please wait…" : signUp ? "Create account" : "Sign in"}
      </button>
      <p className="text-center text-sm text-slate-600">
        {signUp ? "Already have an account? " : "New to QueryFlow? "}
        <Link
          href={`${signUp ? "/sign-in" : "/sign-up"}${next !== "/" ? `?next=${encodeURIComponent(next)}` : ""}`}
          className="font-medium text-indigo-600 hover:underline"
        >
          {signUp ? "Sign in" : "Create an account"}
        </Link>
      </p>
    </form>
  );
}
