"use client";
import Link from "next/link";
import { type FormEvent, useState } from "react";
import { DateTime } from "@/components/date-time";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { LabeledInput } from "@/components/ui/fields";
import { type Channel, type NotificationEvent, notificationEvents } from "@/lib/notifications/schema";
import { type RuleTarget, useRules } from "@/lib/queries/notifications";

const eventText: Record<NotificationEvent, string> = {
  failure: "fails",
  recovery: "recovers (first success after failures)",
  success: "completes",
  slow: "takes longer than…",
  consecutive_failures: "fails several times in a row",
};

const field = "mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm";

function channelText(channel: Channel): string {
  if (channel.type === "webhook")
    return `POST to ${channel.url}${channel.format === "json" ? "" : ` (${channel.format})`}`;
  if (channel.type === "email") return `e-mail to ${channel.to}`;
  return "your bell";
}

/**
 * "Notifications…": your rules on this composition, workflow or schedule — when a run fails, recovers,
 * completes, is slow or fails N times in a row, tell a webhook, an e-mail address or your bell —
 * and each delivery with its outcome.
 */
export function NotificationsDialog({ target, size = "md" }: { target: RuleTarget; size?: "sm" | "md" }) {
  const [open, setOpen] = useState(false);
  const { rules, create, toggle, remove } = useRules(target, open);
  return (
    <>
      <Button size={size} variant={size === "sm" ? "quiet" : "secondary"} onClick={() => setOpen(true)}>
        Notifications…
      </Button>
      <Dialog open={open} onOpenChange={setOpen} label="Notifications" heading="Notifications" width="lg">
        {rules.isPending && <p className="mt-3 text-sm text-slate-500">Loading…</p>}
        {rules.data?.length === 0 && (
          <p className="mt-3 text-sm text-slate-500">No rules yet: add one below.</p>
        )}
        <ul className="mt-3 space-y-3">
          {rules.data?.map((rule) => (
            <li
              key={rule.id}
              aria-label="Notification rule"
              className="rounded-md border border-slate-200 p-3 text-sm"
            >
              <div className="flex flex-wrap items-center gap-2">
                <span className="min-w-0 flex-1">
                  When a run{" "}
                  {rule.events
                    .map((event) => eventText[event].replace("…", ` ${rule.slowAfterMs} ms`))
                    .join(", or ")}
                  {rule.consecutiveFailures ? ` (${rule.consecutiveFailures})` : ""}:{" "}
                  {channelText(rule.channel)}
                </span>
                <Button size="sm" onClick={() => toggle.mutate(rule)}>
                  {rule.enabled ? "Switch off" : "Switch on"}
                </Button>
                <Button size="sm" variant="dangerQuiet" onClick={() => remove.mutate(rule.id)}>
                  Delete
                </Button>
              </div>
              {rule.deliveries.length > 0 && (
                <table className="mt-2 w-full text-xs" aria-label="Deliveries">
                  <tbody>
                    {rule.deliveries.map((delivery) => (
                      <tr key={delivery.id} className="border-t border-slate-100 align-top">
                        <td className="py-1 pr-2 text-slate-600">
                          <DateTime iso={delivery.createdAt} />
                        </td>
                        <td className="py-1 pr-2">{delivery.event}</td>
                        <td className="py-1 pr-2">
                          {delivery.runOf === "composition" ? (
                            <Link
                              className="text-indigo-700 hover:underline"
                              href={`/executions/${delivery.executionId}`}
                            >
                              run
                            </Link>
                          ) : (
                            "run"
                          )}
                        </td>
                        <td
                          className={`py-1 ${delivery.status === "delivered" ? "text-emerald-700" : "text-amber-800"}`}
                        >
                          {delivery.status === "pending" && delivery.attempts > 0
                            ? `retrying (${delivery.attempts} tried): ${delivery.lastError}`
                            : delivery.status === "failed"
                              ? `failed after ${delivery.attempts} tries: ${delivery.lastError}`
                              : delivery.status}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </li>
          ))}
        </ul>
        {(toggle.error ?? remove.error ?? rules.error) && (
          <p role="alert" className="mt-2 text-sm text-red-700">
            {(toggle.error ?? remove.error ?? rules.error)!.message}
          </p>
        )}
        <NewRuleForm target={target} create={create} />
      </Dialog>
    </>
  );
}

function NewRuleForm({
  target,
  create,
}: {
  target: RuleTarget;
  create: ReturnType<typeof useRules>["create"];
}) {
  const [events, setEvents] = useState<NotificationEvent[]>(["failure"]);
  const [type, setType] = useState<Channel["type"]>("in_app");
  const [url, setUrl] = useState("");
  const [format, setFormat] = useState<"json" | "slack" | "teams">("json");
  const [to, setTo] = useState("");
  const [slowAfterMs, setSlow] = useState(60_000);
  const [streak, setStreak] = useState(3);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({
      ...target,
      events,
      channel: type === "webhook" ? { type, url, format } : type === "email" ? { type, to } : { type },
      ...(events.includes("slow") ? { slowAfterMs } : {}),
      ...(events.includes("consecutive_failures") ? { consecutiveFailures: streak } : {}),
    });
  };
  const toggle = (event: NotificationEvent, on: boolean) =>
    setEvents((current) => (on ? [...current, event] : current.filter((e) => e !== event)));
  return (
    <form
      onSubmit={submit}
      aria-label="New notification rule"
      className="mt-4 space-y-3 border-t border-slate-100 pt-4 text-sm"
    >
      <fieldset>
        <legend className="font-medium">When a run…</legend>
        <div className="mt-1 grid gap-1 sm:grid-cols-2">
          {notificationEvents.map((event) => (
            <label key={event} className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={events.includes(event)}
                onChange={(e) => toggle(event, e.target.checked)}
              />
              {eventText[event]}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="grid gap-2 sm:grid-cols-2">
        {events.includes("slow") && (
          <LabeledInput
            label="Slow after (ms)"
            className="block"
            inputClassName={field}
            type="number"
            min={1}
            value={slowAfterMs}
            onChange={(e) => setSlow(Number(e.target.value))}
          />
        )}
        {events.includes("consecutive_failures") && (
          <LabeledInput
            label="Failures in a row"
            className="block"
            inputClassName={field}
            type="number"
            min={1}
            value={streak}
            onChange={(e) => setStreak(Number(e.target.value))}
          />
        )}
        <label className="block">
          Tell
          <select value={type} onChange={(e) => setType(e.target.value as Channel["type"])} className={field}>
            <option value="in_app">my bell in QueryFlow</option>
            <option value="webhook">a webhook</option>
            <option value="email">an e-mail address</option>
          </select>
        </label>
        {type === "webhook" && (
          <>
            <label className="block">
              Webhook URL
              <input
                type="url"
                required
                value={url}
                onChange={(e) => setUrl(e.target.value)}
                className={field}
              />
            </label>
            <label className="block">
              Format
              <select
                value={format}
                onChange={(e) => setFormat(e.target.value as typeof format)}
                className={field}
              >
                <option value="json">QueryFlow JSON</option>
                <option value="slack">Slack</option>
                <option value="teams">Microsoft Teams</option>
              </select>
            </label>
          </>
        )}
        {type === "email" && (
          <label className="block">
            E-mail address
            <input
              type="email"
              required
              value={to}
              onChange={(e) => setTo(e.target.value)}
              className={field}
            />
          </label>
        )}
      </div>
      {create.error && (
        <p role="alert" className="text-red-700">
          {create.error.message}
        </p>
      )}
      <div className="flex justify-end">
        <Button type="submit" variant="primary" disabled={create.isPending || !events.length}>
          {create.isPending ? "Adding…" : "Add rule"}
        </Button>
      </div>
    </form>
  );
}
