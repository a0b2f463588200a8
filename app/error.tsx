"use client";

/**
 * What a page shows when it could not be rendered — most often because the database is restarting
 * or out of reach, which passes by itself; the details are in the server's log, never shown here.
 */
export default function PageError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-lg px-6 py-24 text-center">
      <h1 className="text-xl font-semibold">This page could not load</h1>
      <p className="mt-3 text-sm text-slate-600">
        QueryFlow could not get what this page needs. If its database is restarting, this passes in a few
        seconds.
      </p>
      <button
        type="button"
        onClick={() => reset()}
        className="mt-6 rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500"
      >
        Try again
      </button>
    </main>
  );
}
