import { AppError } from "@/lib/api/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SessionUser } from "./user";

// Who may see and who may change each kind of resource, in one table that every service asks.
// To see is also to use: run a composition one can see (with its owner's rights, no more than the
// starter's: lib/auth/runner.ts), put a template or a data source one can see into a composition.
// To change is also to delete. A run, a schedule or a trigger follows what it belongs to.

/** `owner`: the row's owner; `admin`: any admin; a flag (`isPublic`…): anyone, when the row has it set. */
type Grant = "owner" | "admin" | "isPublic" | "isShared" | "builtIn";

interface Rule {
  see: readonly Grant[];
  change: readonly Grant[];
  /** A row with this set may be changed by no one (QueryFlow's own catalog and sample warehouse). */
  readOnlyWhen?: "builtIn";
}

export const accessPolicy = {
  composition: { see: ["owner", "admin", "isPublic"], change: ["owner", "admin"] },
  template: {
    see: ["owner", "admin", "isPublic", "builtIn"],
    change: ["owner", "admin"],
    readOnlyWhen: "builtIn",
  },
  // The sample warehouse is shared.
  dataSource: { see: ["owner", "admin", "isShared"], change: ["owner", "admin"], readOnlyWhen: "builtIn" },
  workflow: { see: ["owner", "admin"], change: ["owner", "admin"] },
} as const satisfies Record<string, Rule>;

export type Resource = keyof typeof accessPolicy;
type Action = "see" | "change";

interface Where {
  composition: Prisma.CompositionWhereInput;
  template: Prisma.TemplateWhereInput;
  dataSource: Prisma.DataSourceWhereInput;
  workflow: Prisma.WorkflowWhereInput;
}

/** What the policy reads of a row: its owner and the flags that open it (absent ones are unset). */
type Row = { ownerId: string | null } & Partial<Record<"isPublic" | "isShared", boolean>> & {
    builtIn?: boolean | string | null;
  };

const grants = (resource: Resource, action: Action): readonly Grant[] => accessPolicy[resource][action];

/** Whether the user may see or change this row. */
export function may(user: SessionUser, action: Action, resource: Resource, row: Row): boolean {
  const rule: Rule = accessPolicy[resource];
  if (action === "change" && rule.readOnlyWhen && row[rule.readOnlyWhen]) return false;
  return grants(resource, action).some((grant) => {
    if (grant === "admin") return user.role === "admin";
    if (grant === "owner") return row.ownerId !== null && row.ownerId === user.id;
    return Boolean(row[grant]);
  });
}

const nouns: Record<Resource, string> = {
  composition: "composition",
  template: "template",
  dataSource: "data source",
  workflow: "workflow",
};

/** 403 unless the user may change the row; a read-only row says so, and `instead` what to do. */
export function assertMayChange(
  user: SessionUser,
  resource: Resource,
  row: Row & { name: string },
  instead = "it cannot be changed or deleted",
) {
  const rule: Rule = accessPolicy[resource];
  if (rule.readOnlyWhen && row[rule.readOnlyWhen])
    throw new AppError({ code: "forbidden", message: `"${row.name}" is built in: ${instead}.` });
  if (!may(user, "change", resource, row))
    throw new AppError({
      code: "forbidden",
      message: `Only the owner or an admin can change this ${nouns[resource]}.`,
    });
}

/** The rows the user may see, as a Prisma filter (an admin's: every row). */
export function visibleTo<R extends Resource>(user: SessionUser, resource: R): Where[R] {
  if (user.role === "admin") return {} as Where[R];
  const open = grants(resource, "see")
    .filter((grant) => grant !== "admin")
    .map((grant) => (grant === "owner" ? { ownerId: user.id } : { [grant]: true }));
  return { OR: open } as Where[R];
}
