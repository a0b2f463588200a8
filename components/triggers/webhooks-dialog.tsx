"use client";
import { useState } from "react";
import { DateTime } from "@/components/date-time";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ShownOnce } from "@/components/ui/shown-once";
import { useTriggerChanges, useTriggers } from "@/lib/queries/triggers";
import type { TriggerTarget } from "@/lib/triggers/schema";

/**
 * "Webhooks…": the URLs that start a run from anywhere (a form, another tool, CI). Each is listed
 * with its last call, can be switched off (its URL then answers 404) or deleted; a signed one checks
 * an HMAC of the body with a secret shown once.
 */
export function WebhooksDialog({
  target,
  example,
}: {
  target: TriggerTarget;
  example: Record<string, unknown>;
}) {
  const [open, setOpen] = useState(false);
  const [signed, setSigned] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const triggers = useTriggers(target, open);
  const { create, toggle, remove } = useTriggerChanges(target);
  const failure = create.error ?? toggle.error ?? remove.error ?? triggers.error;
  const body = JSON.stringify(example);

  return (
    <>
      <Button onClick={() => setOpen(true)}>Webhooks…</Button>
      <Dialog open={open} onOpenChange={setOpen} label="Webhooks" heading="Webhooks" width="lg">
        <p className="mt-1 text-sm text-slate-600">
          POST to a webhook&apos;s URL to start a run from anywhere; the JSON body is the run&apos;s
          parameters (unknown or ill-typed ones are refused with 400). Anyone with the URL can start runs:
          keep it secret.
        </p>
        {triggers.isPending && <p className="mt-3 text-sm text-slate-500">Loading…</p>}
        {triggers.data?.length === 0 && <p className="mt-3 text-sm text-slate-500">No webhooks yet.</p>}
        <ul className="mt-3 space-y-3">
          {triggers.data?.map((trigger) => (
            <li
              key={trigger.id}
              className="rounded-md border border-slate-200 p-3 text-sm"
              aria-label="Webhook"
            >
              <div className="flex gap-2">
                <input
                  readOnly
                  aria-label="Webhook URL"
                  value={trigger.url}
                  onFocus={(event) => event.target.select()}
                  className="block w-full min-w-0 rounded border border-slate-200 bg-slate-50 px-2 py-1 font-mono text-xs"
                />
                <Button size="sm" onClick={() => void navigator.clipboard?.writeText(trigger.url)}>
                  Copy
                </Button>
              </div>
              <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-600">
                {trigger.signed && (
                  <span className="rounded bg-indigo-50 px-1.5 py-0.5 font-medium text-indigo-700">
                    signed
                  </span>
                )}
                <span
                  className={`rounded px-1.5 py-0.5 font-medium ${trigger.enabled ? "bg-emerald-50 text-emerald-800" : "bg-slate-100 text-slate-600"}`}
                >
                  {trigger.enabled ? "on" : "off: its URL answers 404"}
                </span>
                <span>
                  last called <DateTime iso={trigger.lastCalledAt} fallback="never" />
                </span>
                <Button
                  size="sm"
                  className="ml-auto"
                  disabled={toggle.isPending}
                  onClick={() => toggle.mutate({ id: trigger.id, enabled: !trigger.enabled })}
                >
                  {trigger.enabled ? "Switch off" : "Switch on"}
                </Button>
                <Button variant="dangerQuiet" size="sm" onClick={() => remove.mutate(trigger.id)}>
                  Delete
                </Button>
              </div>
            </li>
          ))}
        </ul>
        {secret && (
          <div className="mt-3">
            <ShownOnce
              label="Signing secret"
              value={secret}
              message="The signing secret, shown only now: sign each call's raw body with HMAC-SHA256 and send it as X-QueryFlow-Signature: sha256=<hex>."
            />
          </div>
        )}
        {failure && (
          <p role="alert" className="mt-3 text-sm text-red-700">
            {failure.message}
          </p>
        )}
        <div className="mt-4 flex flex-wrap items-center gap-3 border-t border-slate-100 pt-4">
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={signed} onChange={(event) => setSigned(event.target.checked)} />
            Require a signature (HMAC-SHA256 of the body)
          </label>
          <Button
            variant="primary"
            className="ml-auto"
            disabled={create.isPending}
            onClick={() =>
              create.mutate(signed, { onSuccess: (created) => setSecret(created.trigger.secret ?? null) })
            }
          >
            {create.isPending ? "Adding…" : "Add webhook"}
          </Button>
        </div>
        {triggers.data?.[0] && (
          <p className="mt-3 text-xs text-slate-500">
            For example:{" "}
            <code className="break-all font-mono">
              curl -X POST -H &apos;Content-Type: application/json&apos; -d &apos;{body}&apos;{" "}
              {triggers.data[0].url}
            </code>
          </p>
        )}
      </Dialog>
    </>
  );
}
