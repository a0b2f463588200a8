/**
 * An instant as the app writes it everywhere: date and time to the second in `timeZone`, with the
 * zone named ("Nov 30, 2026, 07:19:37 UTC" in en-US). Never throws on a zone the runtime lacks.
 */
export function formatInstant(iso: string, timeZone: string, locale?: string): string {
  const options: Intl.DateTimeFormatOptions = {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  };
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" }).format(new Date(iso));
  }
}
