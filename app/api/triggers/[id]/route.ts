import { handle, route } from "@/lib/auth/handle";
import { db } from "@/lib/db/client";
import { appUrl } from "@/lib/env";
import { triggersApi as api } from "@/lib/triggers/api";
import { deleteTrigger, updateTrigger } from "@/lib/triggers/service";

// Switched off or deleted, its URL answers 404.
export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.update, async ({ user, params, body }) => ({
    trigger: await updateTrigger(db(), user, params.id, body, appUrl()),
  })),
  handle(api.delete, async ({ user, params }) => deleteTrigger(db(), user, params.id)),
);
