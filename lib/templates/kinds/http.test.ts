import { createServer as createHttpServer } from "node:http";
import { type AddressInfo, createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { isInternalAddress } from "./guarded-http";
import { runHttp } from "./http";

describe("isInternalAddress", () => {
  it.each([
    "127.0.0.1",
    "127.255.0.9",
    "10.0.0.1",
    "172.16.5.4",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "::1",
    "::",
    "fe80::1",
    "fd12:3456::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.8",
    "not an address",
  ])("refuses %s", (address) => {
    expect(isInternalAddress(address)).toBe(true);
  });

  it.each(["8.8.8.8", "1.1.1.1", "172.32.0.1", "192.169.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])(
    "allows %s",
    (address) => {
      expect(isInternalAddress(address)).toBe(false);
    },
  );
});

describe("runHttp's failures", () => {
  const call = (url: string) =>
    runHttp({
      params: { url, method: "GET" },
      definition: { method: "{{method}}", url: "{{url}}", headers: {} },
      outputs: [],
      signal: new AbortController().signal,
      log: () => {},
      sql: undefined as never,
      inputTables: undefined as never,
      env: parseEnv({ HTTP_ALLOWLIST: "127.0.0.1" }),
    });

  it("says a host that does not exist could not be resolved, with Node's detail under it", async () => {
    await expect(call("https://api.example.test/v1")).rejects.toThrow(
      /^Could not resolve host api\.example\.test: no such name in DNS\.\nDetail: getaddrinfo ENOTFOUND api\.example\.test$/,
    );
  });

  it("says a port where nothing listens refused the connection", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    await expect(call(`http://127.0.0.1:${port}/`)).rejects.toThrow(
      new RegExp(
        `^127\\.0\\.0\\.1 refused the connection on port ${port}: nothing is listening there\\.\\nDetail: .*ECONNREFUSED`,
      ),
    );
  });
});

describe("an HTTP template with a rows expression", () => {
  const items = [
    { id: 1, name: "Ada", score: 9.5, tags: ["x"] },
    { id: 2, name: "Grace", score: 8, tags: [] },
  ];
  const server = createHttpServer((request, response) => {
    if (request.url === "/missing") {
      response.writeHead(404, { "content-type": "text/plain" }).end("no such list");
      return;
    }
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ items }));
  });
  let base = "";
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const call = (path: string, outputs: { name: string; type: "integer" | "string"; description: string }[]) =>
    runHttp({
      params: { path },
      definition: { method: "GET", url: `${base}/{{path}}`, headers: {}, rows: "body.items" },
      outputs,
      signal: new AbortController().signal,
      log: () => {},
      sql: undefined as never,
      inputTables: undefined as never,
      env: parseEnv({ HTTP_ALLOWLIST: "127.0.0.1" }),
    });

  it("answers the rows the expression makes of the response, typed from their values", async () => {
    expect(await call("list", [])).toEqual({
      type: "table",
      columns: [
        { name: "id", type: "integer", description: "" },
        { name: "name", type: "string", description: "" },
        { name: "score", type: "number", description: "" },
        { name: "tags", type: "string[]", description: "" },
      ],
      rows: items,
      truncated: false,
    });
  });

  it("keeps to the declared outputs, and fails on an error status, saying what the server said", async () => {
    const declared = [
      { name: "name", type: "string" as const, description: "" },
      { name: "missing", type: "integer" as const, description: "" },
    ];
    expect(await call("list", declared)).toMatchObject({
      columns: declared,
      rows: [
        { name: "Ada", missing: null },
        { name: "Grace", missing: null },
      ],
    });
    await expect(call("missing", declared)).rejects.toThrow("The server answered 404: no such list");
  });
});
