import type { Operation } from "@/lib/api/contract";
import { metaApi } from "@/lib/api/meta-api";
import { accountsApi } from "@/lib/auth/api";
import { compositionsApi } from "@/lib/compositions/api";
import { dataSourcesApi } from "@/lib/data-sources/api";
import { executionsApi } from "@/lib/engine/api";
import { notificationsApi } from "@/lib/notifications/api";
import { schedulesApi } from "@/lib/schedules/api";
import { templatesApi } from "@/lib/templates/api";
import { triggersApi } from "@/lib/triggers/api";
import { workflowsApi } from "@/lib/workflows/api";

/** Every operation of the API, domain by domain: what the document describes and the routes serve. */
export const allOperations: Operation[] = [
  compositionsApi,
  executionsApi,
  templatesApi,
  dataSourcesApi,
  workflowsApi,
  schedulesApi,
  triggersApi,
  notificationsApi,
  accountsApi,
  metaApi,
].flatMap((domain) => Object.values(domain));
