/**
 * Shown while a list page loads (Next.js streams it at once on navigation). Only list pages have a
 * loading.tsx: a page under one streams, so its notFound() would answer 200 instead of 404.
 */
export function PageLoading() {
  return (
    <div role="status" aria-live="polite" className="flex items-center gap-2 py-16 text-sm text-slate-600">
      <span
        aria-hidden
        className="inline-block size-4 animate-spin rounded-full border-2 border-slate-300 border-t-indigo-600"
      />
      Loading…
    </div>
  );
}
