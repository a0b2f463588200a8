/** Shown while a page of the app loads (Next.js streams it at once on navigation). */
export default function Loading() {
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
