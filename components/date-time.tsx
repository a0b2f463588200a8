"use client";
import { useEffect, useState } from "react";
import { formatInstant } from "./format-instant";

/**
 * An instant, written one way everywhere: in the viewer's time zone, the zone named, the UTC time
 * on hover. The server renders it in UTC; the browser then switches to its own zone (rendering the
 * viewer's zone on the server would not match what the browser hydrates).
 */
export function DateTime({ iso, fallback = "—" }: { iso: string | null | undefined; fallback?: string }) {
  const [zone, setZone] = useState("UTC");
  useEffect(() => setZone(Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC"), []);
  if (!iso) return <>{fallback}</>;
  return (
    <time dateTime={iso} title={`${iso.slice(0, 19).replace("T", " ")} UTC`} className="tabular-nums">
      {formatInstant(iso, zone)}
    </time>
  );
}
