"use client";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormFooter } from "@/components/ui/form-footer";
import { sslModes } from "@/lib/data-sources/schema";
import { type DataSource, useDataSourceChanges } from "@/lib/queries/data-sources";

const field = "mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm";
type SslMode = (typeof sslModes)[number];
const sslHints: Record<SslMode, string> = {
  require: "encrypted (the certificate is not checked)",
  "verify-full": "encrypted, certificate checked against the host",
  disable: "not encrypted: only on a network you trust",
};

/**
 * "Add data source…" (or "Edit…" given a `source`): a PostgreSQL connection as fields or one URL.
 * Editing keeps the stored password unless a new one is typed; the server asks for it again when
 * the host, port, database or user change.
 */
export function DataSourceDialog({ source, isAdmin }: { source?: DataSource; isAdmin: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<"postgres" | "duckdb">(source?.kind ?? "postgres");
  const [asUrl, setAsUrl] = useState(false);
  const [name, setName] = useState(source?.name ?? "");
  const [url, setUrl] = useState("");
  const [host, setHost] = useState(source?.connection.host ?? "");
  const [port, setPort] = useState(String(source?.connection.port ?? 5432));
  const [database, setDatabase] = useState(source?.connection.database ?? "");
  const [user, setUser] = useState(source?.connection.user ?? "");
  const [password, setPassword] = useState("");
  const [sslMode, setSslMode] = useState<SslMode>(source?.connection.sslMode ?? "require");
  const [shared, setShared] = useState(source?.shared ?? false);

  const { save } = useDataSourceChanges();
  const body = () => {
    if (kind === "duckdb") return { name, kind, connection: {}, shared };
    const connection = asUrl
      ? { url }
      : {
          host,
          port: Number(port),
          database,
          user,
          sslMode,
          // Left empty while editing: the stored password stays.
          ...(password || !source ? { password } : {}),
        };
    return { name, kind: "postgres" as const, connection, shared };
  };
  function submit(event: FormEvent) {
    event.preventDefault();
    const done = () => {
      setOpen(false);
      setPassword("");
      router.refresh();
    };
    save.mutate({ id: source?.id, body: body() }, { onSuccess: done });
  }

  return (
    <>
      <Button
        variant={source ? "quiet" : "primary"}
        size={source ? "sm" : "md"}
        onClick={() => {
          save.reset();
          setOpen(true);
        }}
      >
        {source ? "Edit…" : "Add data source…"}
      </Button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        label={source ? `Edit ${source.name}` : "Add a data source"}
        heading={source ? `Edit ${source.name}` : "Add a data source"}
        width="lg"
      >
        <form onSubmit={submit} className="mt-3 grid grid-cols-2 gap-3 text-left text-sm">
          <label className="col-span-2">
            Name
            <input
              required
              value={name}
              onChange={(event) => setName(event.target.value)}
              className={field}
            />
          </label>
          {!source && (
            <fieldset className="col-span-2 flex gap-4" aria-label="Kind">
              <label className="flex items-center gap-1">
                <input type="radio" checked={kind === "postgres"} onChange={() => setKind("postgres")} />{" "}
                PostgreSQL database
              </label>
              <label className="flex items-center gap-1">
                <input type="radio" checked={kind === "duckdb"} onChange={() => setKind("duckdb")} /> DuckDB:
                upload CSV, Parquet or JSON files
              </label>
            </fieldset>
          )}
          {kind === "postgres" && (
            <fieldset className="col-span-2 flex gap-4 text-xs" aria-label="Connection given as">
              <label className="flex items-center gap-1">
                <input type="radio" checked={!asUrl} onChange={() => setAsUrl(false)} /> Fields
              </label>
              <label className="flex items-center gap-1">
                <input type="radio" checked={asUrl} onChange={() => setAsUrl(true)} /> Connection URL
              </label>
            </fieldset>
          )}
          {kind === "duckdb" ? (
            <p className="col-span-2 text-xs text-slate-600">
              An embedded DuckDB database kept by QueryFlow. After adding it, upload files into it from the
              list: each file becomes a table.
            </p>
          ) : asUrl ? (
            <label className="col-span-2">
              URL{" "}
              <span className="text-xs text-slate-500">
                (postgres://user:password@host:5432/database?sslmode=require)
              </span>
              <input
                required
                value={url}
                onChange={(event) => setUrl(event.target.value)}
                className={`${field} font-mono`}
                autoComplete="off"
              />
            </label>
          ) : (
            <>
              <label>
                Host
                <input
                  required
                  value={host}
                  onChange={(event) => setHost(event.target.value)}
                  className={field}
                />
              </label>
              <label>
                Port
                <input
                  required
                  inputMode="numeric"
                  pattern="[0-9]*"
                  value={port}
                  onChange={(event) => setPort(event.target.value)}
                  className={field}
                />
              </label>
              <label>
                Database
                <input
                  required
                  value={database}
                  onChange={(event) => setDatabase(event.target.value)}
                  className={field}
                />
              </label>
              <label>
                User
                <input
                  required
                  value={user}
                  onChange={(event) => setUser(event.target.value)}
                  className={field}
                />
              </label>
              <label>
                Password
                <input
                  type="password"
                  value={password}
                  onChange={(event) => setPassword(event.target.value)}
                  placeholder={source?.hasPassword ? "unchanged" : ""}
                  autoComplete="new-password"
                  className={field}
                />
              </label>
              <label>
                SSL
                <select
                  value={sslMode}
                  onChange={(event) => setSslMode(event.target.value as SslMode)}
                  className={field}
                >
                  {sslModes.map((mode) => (
                    <option key={mode} value={mode}>
                      {mode}
                    </option>
                  ))}
                </select>
                <span className="mt-1 block text-xs text-slate-500">{sslHints[sslMode]}</span>
              </label>
            </>
          )}
          {isAdmin && (
            <label className="col-span-2 flex items-center gap-2">
              <input type="checkbox" checked={shared} onChange={(event) => setShared(event.target.checked)} />
              Shared: everyone may use it in their templates
            </label>
          )}
          {kind === "postgres" && (
            <p className="col-span-2 text-xs text-slate-500">
              Connect as a role that may only read what analysts should see: QueryFlow runs every query in a
              read-only transaction with a time limit, and refuses a superuser.
            </p>
          )}
          <div className="col-span-2 space-y-3">
            <FormFooter
              error={save.error?.message ?? null}
              pending={save.isPending}
              submitLabel={source ? "Save" : "Add"}
              onCancel={() => setOpen(false)}
            />
          </div>
        </form>
      </Dialog>
    </>
  );
}
