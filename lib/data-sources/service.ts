import { createHash } from "node:crypto";
import { rmSync } from "node:fs";
import { isIP } from "node:net";
import type { z } from "zod";
import { AppError } from "@/lib/api/errors";
import { isUuid } from "@/lib/api/ids";
import { assertBelowCap } from "@/lib/api/quota";
import { assertMayChange, may, visibleTo } from "@/lib/auth/access";
import type { SessionUser } from "@/lib/auth/user";
import type { DbOrTx } from "@/lib/db/client";
import type { Env } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";
import { open, type SecretKey, seal, secretKeyFrom } from "@/lib/security/secret-box";
import { DataSourceError, type QueryLimits, type Target } from "./drivers/driver";
import { duckDbFile } from "./drivers/duckdb";
import { driverFor } from "./drivers/index";
import { StatementRefusedError } from "./drivers/read-statement";
import { FairShare } from "./fair-share";
import { assertHostAllowed } from "./hosts";
import type {
  connectionTestSchema,
  createDataSourceBodySchema,
  dataSourceResponseSchema,
  PostgresConnection,
  schemaResponseSchema,
  updateDataSourceBodySchema,
} from "./schema";
import { withWarehouseLogin } from "./warehouse-login";

/** What the service needs besides the database: settings, and the app database's URL (the sample warehouse's server). */
export interface DataSourceDeps {
  env: Env;
  /** The URL the sample warehouse's reader logs in through (the app's database, as the reader). */
  warehouseReaderUrl: () => Promise<string>;
  /** Sets the reader's password on its role again (as the app's user), when its login was refused. */
  repairWarehouseReader: () => Promise<void>;
}

const withOwner = {
  owner: { select: { id: true, name: true } },
  _count: { select: { templates: true } },
} satisfies Prisma.DataSourceInclude;
type Row = Prisma.DataSourceGetPayload<{ include: typeof withOwner }>;
type StoredConnection = Omit<PostgresConnection, "password">;

/** The keys that open sealed passwords: the current one first (it seals), then the previous one. */
export function keyRing(env: Env): SecretKey[] {
  if (!env.QUERYFLOW_SECRET_KEY)
    throw new Error(
      "QUERYFLOW_SECRET_KEY is not set: `npm start` creates one; set it for other ways of starting.",
    );
  return [env.QUERYFLOW_SECRET_KEY, env.QUERYFLOW_PREVIOUS_SECRET_KEY]
    .filter((text): text is string => Boolean(text))
    .map(secretKeyFrom);
}

const sealPassword = (password: string, env: Env) => seal(password, keyRing(env)[0]!);

/** Sources a user may see and use (lib/auth/access.ts: their own and shared ones; an admin, all). */
const readableBy = (user: SessionUser) => visibleTo(user, "dataSource");

const canEdit = (user: SessionUser, row: Row) => may(user, "change", "dataSource", row);

function toResponse(row: Row, user: SessionUser): z.output<typeof dataSourceResponseSchema> {
  const connection = row.connection as Partial<StoredConnection>;
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as "postgres" | "duckdb",
    connection: row.builtIn
      ? {}
      : {
          host: connection.host,
          port: connection.port,
          database: connection.database,
          user: connection.user,
          sslMode: connection.sslMode,
        },
    hasPassword: row.sealedPassword !== null,
    shared: row.isShared,
    builtIn: row.builtIn !== null,
    owner: row.owner,
    canEdit: canEdit(user, row),
    templateCount: row._count.templates,
    schemaCachedAt: row.schemaCachedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listDataSources(db: DbOrTx, user: SessionUser) {
  const rows = await db.dataSource.findMany({
    where: readableBy(user),
    include: withOwner,
    orderBy: [{ builtIn: { sort: "asc", nulls: "last" } }, { name: "asc" }],
  });
  return rows.map((row) => toResponse(row, user));
}

/** The source, or 404 — also for another user's private source, whose existence is not revealed. */
async function findReadableOrThrow(db: DbOrTx, user: SessionUser, id: string): Promise<Row> {
  const row = isUuid(id)
    ? await db.dataSource.findFirst({ where: { AND: [{ id }, readableBy(user)] }, include: withOwner })
    : null;
  if (!row) throw new AppError({ code: "not_found", message: `Data source "${id}" does not exist.` });
  return row;
}

async function findWritableOrThrow(db: DbOrTx, user: SessionUser, id: string): Promise<Row> {
  const row = await findReadableOrThrow(db, user, id);
  assertMayChange(user, "dataSource", row);
  return row;
}

function assertMayShare(user: SessionUser, shared: boolean) {
  if (shared && user.role !== "admin")
    throw new AppError({
      code: "forbidden",
      message: "Only an admin can share a data source with everyone.",
    });
}

const storedConnection = ({ password: _, ...connection }: PostgresConnection): StoredConnection => connection;

export async function getDataSource(db: DbOrTx, user: SessionUser, id: string) {
  return toResponse(await findReadableOrThrow(db, user, id), user);
}

export async function createDataSource(
  db: DbOrTx,
  user: SessionUser,
  body: z.output<typeof createDataSourceBodySchema>,
  deps: DataSourceDeps,
) {
  assertMayShare(user, body.shared);
  if (body.kind === "postgres") await assertHostAllowed(body.connection, deps.env);
  const owned = await db.dataSource.count({ where: { ownerId: user.id } });
  assertBelowCap(
    owned,
    deps.env.DATA_SOURCES_PER_USER,
    `You have ${owned} data sources, the most allowed (${deps.env.DATA_SOURCES_PER_USER}). Delete one first.`,
  );
  const row = await db.dataSource.create({
    data: {
      name: body.name,
      kind: body.kind,
      ownerId: user.id,
      isShared: body.shared,
      ...(body.kind === "postgres"
        ? {
            connection: storedConnection(body.connection),
            sealedPassword: body.connection.password
              ? sealPassword(body.connection.password, deps.env)
              : null,
          }
        : {}),
    },
    include: withOwner,
  });
  return toResponse(row, user);
}

/**
 * Host, port, database, user and TLS mode: the server and the account a stored password belongs to,
 * and how it travels (turning TLS off would send it in the clear).
 */
const sameAccount = (a: Partial<StoredConnection>, b: StoredConnection) =>
  a.host === b.host &&
  a.port === b.port &&
  a.database === b.database &&
  a.user === b.user &&
  a.sslMode === b.sslMode;

export async function updateDataSource(
  db: DbOrTx,
  user: SessionUser,
  id: string,
  body: z.output<typeof updateDataSourceBodySchema>,
  deps: DataSourceDeps,
) {
  const row = await findWritableOrThrow(db, user, id);
  if (body.shared !== row.isShared) assertMayShare(user, body.shared);
  if (body.kind !== row.kind)
    throw new AppError({
      code: "bad_request",
      message: `A data source's kind cannot change: this one is ${row.kind}.`,
      issues: [{ path: ["kind"], message: `must be "${row.kind}"` }],
    });
  if (body.kind === "duckdb") {
    const renamed = await db.dataSource.update({
      where: { id: row.id },
      data: { name: body.name, isShared: body.shared },
      include: withOwner,
    });
    return toResponse(renamed, user);
  }
  await assertHostAllowed(body.connection, deps.env);
  const next = storedConnection(body.connection);
  const keepsAccount = sameAccount(row.connection as Partial<StoredConnection>, next);
  // A stored password is only ever sent to the server and account it was given for.
  if (body.connection.password === undefined && row.sealedPassword !== null && !keepsAccount) {
    throw new AppError({
      code: "bad_request",
      message:
        "Give the password again: the host, port, database, user or TLS mode changed, and the stored password is only sent where and how it was given for.",
      issues: [
        {
          path: ["connection", "password"],
          message: "is required when the server, user or TLS mode changes",
        },
      ],
    });
  }
  const updated = await db.dataSource.update({
    where: { id: row.id },
    data: {
      name: body.name,
      isShared: body.shared,
      connection: next,
      sealedPassword:
        body.connection.password === undefined
          ? row.sealedPassword
          : body.connection.password
            ? sealPassword(body.connection.password, deps.env)
            : null,
      ...(keepsAccount ? {} : { schemaCache: Prisma.DbNull, schemaCachedAt: null }),
    },
    include: withOwner,
  });
  await driverFor(row.kind).release(row.id);
  return toResponse(updated, user);
}

export async function deleteDataSource(db: DbOrTx, user: SessionUser, id: string, deps: DataSourceDeps) {
  const row = await findWritableOrThrow(db, user, id);
  // Templates keep every version, and a version names its source: a source in use stays.
  const using = await db.template.findMany({ where: { dataSourceId: row.id }, select: { name: true } });
  if (using.length)
    throw new AppError({
      code: "conflict",
      message: `Templates query this data source: ${using.map((template) => `"${template.name}"`).join(", ")}. Move them to another source first.`,
    });
  await db.dataSource.delete({ where: { id: row.id } });
  await driverFor(row.kind).release(row.id);
  if (row.kind === "duckdb") rmSync(duckDbFile(deps.env, row.id), { force: true });
}

/** Where a driver connects for this source, with its password opened. */
async function resolveTarget(row: Row, deps: DataSourceDeps): Promise<Target> {
  if (row.kind === "duckdb") return { kind: "duckdb", key: row.id, file: duckDbFile(deps.env, row.id) };
  if (row.builtIn === "sample_warehouse") {
    const url = new URL(await deps.warehouseReaderUrl());
    return {
      kind: "postgres",
      key: `${row.id}:${createHash("sha256").update(url.toString()).digest("hex")}`,
      connection: {
        host: url.hostname,
        port: Number(url.port || 5432),
        database: decodeURIComponent(url.pathname.slice(1)),
        user: decodeURIComponent(url.username),
        password: decodeURIComponent(url.password),
        sslMode: "disable",
      },
      searchPath: "warehouse",
    };
  }
  const connection = row.connection as StoredConnection;
  const [address] = await assertHostAllowed(connection, deps.env);
  if (!address) throw new DataSourceError(`Could not connect: the host ${connection.host} does not resolve.`);
  return {
    kind: "postgres",
    // Pools are kept per connection settings and checked address: a changed source, or a name that
    // now resolves elsewhere, gets a new pool.
    key: `${row.id}:${createHash("sha256")
      .update(JSON.stringify([connection, row.sealedPassword, address]))
      .digest("hex")}`,
    connection: {
      ...connection,
      // The checked address, not the name: resolved again at connect time it could point elsewhere.
      host: address,
      ...(isIP(connection.host) ? {} : { serverName: connection.host }),
      password: row.sealedPassword === null ? null : open(row.sealedPassword, keyRing(deps.env)),
    },
  };
}

/** Queries per user and source in this process (see `onSource`). */
const queries = new FairShare(20, "queries on this data source");

/**
 * Driver work on a source, with failures as the API's errors: a statement QueryFlow refuses is a 400,
 * anything the database or the network said a 422 in their own words (and line), a refused login
 * names the source. The sample warehouse's reader is repaired once when its login is refused. A user
 * runs DATA_SOURCE_QUERIES_PER_USER of them at once per source; more wait behind their own.
 */
async function onSource<T>(
  user: SessionUser,
  row: Row,
  what: string,
  deps: DataSourceDeps,
  work: (target: Target) => Promise<T>,
): Promise<T> {
  const attempt = async () => {
    const target = await resolveTarget(row, deps);
    return row.builtIn ? withWarehouseLogin(deps.repairWarehouseReader, () => work(target)) : work(target);
  };
  try {
    return await queries.run(`${user.id}:${row.id}`, deps.env.DATA_SOURCE_QUERIES_PER_USER, attempt);
  } catch (error) {
    if (!(error instanceof DataSourceError)) throw error;
    if (error.loginRefused)
      throw new AppError({
        code: "unprocessable_entity",
        message: `"${row.name}" refused QueryFlow's login (${error.message}): check the source's user and password.`,
      });
    throw new AppError({
      code: error instanceof StatementRefusedError ? "bad_request" : "unprocessable_entity",
      message: `${what}: ${error.message}${error.line ? ` (line ${error.line})` : ""}`,
      ...(error.line ? { details: { line: error.line } } : {}),
    });
  }
}

export async function testDataSource(
  db: DbOrTx,
  user: SessionUser,
  id: string,
  deps: DataSourceDeps,
): Promise<z.output<typeof connectionTestSchema>> {
  const row = await findReadableOrThrow(db, user, id);
  const answer = await onSource(user, row, "Could not connect", deps, (target) =>
    driverFor(row.kind).test(target),
  );
  return { ok: true, ...answer };
}

/** The tables and columns the source's user can read: cached, read again when asked to refresh. */
export async function dataSourceSchema(
  db: DbOrTx,
  user: SessionUser,
  id: string,
  options: { refresh: boolean },
  deps: DataSourceDeps,
): Promise<z.output<typeof schemaResponseSchema>> {
  const row = await findReadableOrThrow(db, user, id);
  if (row.schemaCache && row.schemaCachedAt && !options.refresh)
    return {
      tables: row.schemaCache as z.output<typeof schemaResponseSchema>["tables"],
      cachedAt: row.schemaCachedAt.toISOString(),
    };
  const tables = await onSource(user, row, "Could not read the schema", deps, (target) =>
    driverFor(row.kind).schema(target),
  );
  const cachedAt = new Date();
  // Not through update(): that would bump updated_at, which says when the connection last changed.
  await db.$executeRaw`
    UPDATE data_sources SET schema_cache = ${JSON.stringify(tables)}::jsonb, schema_cached_at = ${cachedAt}
    WHERE id = ${row.id}::uuid`;
  return { tables, cachedAt: cachedAt.toISOString() };
}

/** One read-only, bounded query on a source the user may read (template previews and runs). */
export async function queryDataSource(
  db: DbOrTx,
  user: SessionUser,
  id: string,
  query: { text: string; values: unknown[] },
  limits: QueryLimits,
  deps: DataSourceDeps,
) {
  const row = await findReadableOrThrow(db, user, id);
  return onSource(user, row, "The query failed", deps, (target) =>
    driverFor(row.kind).query(target, query, limits),
  );
}

/** The types of a statement's parameters and columns on a source the user may read, without running it. */
export async function describeOnDataSource(
  db: DbOrTx,
  user: SessionUser,
  id: string,
  text: string,
  deps: DataSourceDeps,
) {
  const row = await findReadableOrThrow(db, user, id);
  return onSource(user, row, "The database cannot read this SQL", deps, (target) =>
    driverFor(row.kind).describe(target, text),
  );
}

/**
 * A query of a run on the source its template version names. Access was checked when the run
 * started (validation's data_source_not_usable; a workflow's assertSourcesUsable); a node runs as
 * the system, with the source's own login.
 */
export async function queryForRun(
  db: DbOrTx,
  id: string,
  query: { text: string; values: unknown[] },
  limits: QueryLimits,
  deps: DataSourceDeps,
) {
  const row = await db.dataSource.findUnique({ where: { id }, include: withOwner });
  if (!row) throw new DataSourceError("The template's data source was deleted.");
  const target = await resolveTarget(row, deps);
  const run = () => driverFor(row.kind).query(target, query, limits);
  return row.builtIn ? withWarehouseLogin(deps.repairWarehouseReader, run) : run();
}

/** The built-in sample warehouse's id (the worker queries it through its own pool). */
export async function sampleWarehouseId(db: DbOrTx): Promise<string | null> {
  const row = await db.dataSource.findUnique({
    where: { builtIn: "sample_warehouse" },
    select: { id: true },
  });
  return row?.id ?? null;
}

/**
 * 422 unless the user may use every data source these templates query (standalone workflows, which
 * have no validation findings): a public template on someone else's private source is visible to
 * all but runs only for those who may use its source.
 */
export async function assertSourcesUsable(
  db: DbOrTx,
  user: SessionUser | null,
  templates: { templateId: string; name: string; dataSourceId: string | null }[],
) {
  const ids = [
    ...new Set(templates.map((template) => template.dataSourceId).filter((id): id is string => Boolean(id))),
  ];
  if (!ids.length) return;
  const usable = new Set(
    (
      await db.dataSource.findMany({
        where: { AND: [{ id: { in: ids } }, user ? readableBy(user) : { isShared: true }] },
        select: { id: true },
      })
    ).map((row) => row.id),
  );
  const blocked = templates.find((template) => template.dataSourceId && !usable.has(template.dataSourceId));
  if (blocked)
    throw new AppError({
      code: "unprocessable_entity",
      message: `Template "${blocked.name}" queries a data source you may not use: ask its owner to share it, or use a template on a source of yours.`,
      issues: [
        {
          code: "data_source_not_usable",
          message: `"${blocked.templateId}" queries a data source you may not use.`,
        },
      ],
    });
}

/** The ids of the data sources a user may use. */
export async function usableDataSourceIds(db: DbOrTx, user: SessionUser): Promise<Set<string>> {
  const rows = await db.dataSource.findMany({ where: readableBy(user), select: { id: true } });
  return new Set(rows.map((row) => row.id));
}

/** The DuckDB source a user may fill with uploads, with its file. */
export async function writableDuckDbFile(db: DbOrTx, user: SessionUser, id: string, deps: DataSourceDeps) {
  const row = await findWritableOrThrow(db, user, id);
  if (row.kind !== "duckdb")
    throw new AppError({
      code: "bad_request",
      message: `"${row.name}" is a ${row.kind} source: files are uploaded into DuckDB sources.`,
    });
  return { id: row.id, file: duckDbFile(deps.env, row.id) };
}
