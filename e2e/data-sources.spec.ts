import http from "node:http";
import { SHOP_PASSWORD, startShopDatabase } from "../lib/testing/shop-database";
import { apiAs, expect, test } from "./fixtures";

let shop: Awaited<ReturnType<typeof startShopDatabase>>;

test.beforeAll(async () => {
  shop = await startShopDatabase();
});
test.afterAll(async () => {
  await shop?.stop();
});

test.describe("data sources", () => {
  test("add a PostgreSQL source, test it, browse its tables; a changed host asks for the password again", async ({
    newUser: { page },
  }) => {
    test.setTimeout(60_000);
    await page.goto("/data-sources");
    await expect(page.getByRole("heading", { name: "Data sources", level: 1 })).toBeVisible();

    const sample = page.getByRole("listitem", { name: "Sample warehouse" });
    await expect(sample).toContainText("Built in");
    await sample.getByRole("button", { name: "Test connection" }).click();
    await expect(sample.getByRole("status")).toContainText(/Connected: PostgreSQL \d+/);

    await page.getByRole("button", { name: "Add data source…" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a data source" });
    await dialog.getByLabel("Name").fill("Shop");
    await dialog.getByLabel("Host").fill("127.0.0.1");
    await dialog.getByLabel("Port").fill(String(shop.port));
    await dialog.getByLabel("Database", { exact: true }).fill("shop");
    await dialog.getByLabel("User").fill("analyst");
    await dialog.getByLabel("Password").fill(SHOP_PASSWORD);
    await dialog.getByLabel("SSL").selectOption("disable");
    await dialog.getByRole("button", { name: "Add" }).click();
    await expect(dialog).toBeHidden();

    const row = page.getByRole("listitem", { name: "Shop" });
    await expect(row).toContainText("Private");
    await expect(row).toContainText(`analyst@127.0.0.1:${shop.port}/shop`);
    await row.getByRole("button", { name: "Test connection" }).click();
    await expect(row.getByRole("status")).toContainText(/Connected: PostgreSQL \d+/);
    await row.getByRole("button", { name: "Tables" }).click();
    const tables = row.getByRole("region", { name: "Tables" });
    await expect(tables).toContainText("1 table, read");
    await tables.getByText("public.orders").click();
    await expect(tables).toContainText("amount numeric");
    await expect(tables).not.toContainText("payroll");

    await row.getByRole("button", { name: "Edit…" }).click();
    const edit = page.getByRole("dialog", { name: "Edit Shop" });
    await edit.getByLabel("Host").fill("localhost");
    await edit.getByRole("button", { name: "Save" }).click();
    await expect(edit.getByRole("alert")).toContainText("Give the password again");
    await edit.getByRole("button", { name: "Cancel" }).click();

    await row.getByRole("button", { name: "Delete" }).click();
    await page.getByRole("dialog", { name: "Delete Shop" }).getByRole("button", { name: "Delete" }).click();
    await expect(row).toBeHidden();
  });

  test("a DuckDB source is filled by uploading a CSV, which becomes a table to browse", async ({
    newUser: { page },
  }) => {
    await page.goto("/data-sources");
    await page.getByRole("button", { name: "Add data source…" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a data source" });
    await dialog.getByRole("radio", { name: /DuckDB/ }).check();
    await dialog.getByLabel("Name").fill("My uploads");
    await dialog.getByRole("button", { name: "Add" }).click();
    const row = page.getByRole("listitem", { name: "My uploads" });
    await expect(row).toContainText("DuckDB");
    // Each upload is looked at before anything is written: its columns, types and first rows.
    await row.getByLabel("Upload file…").setInputFiles({
      name: "Orders 2025.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("id,amount,placed\n1,10.5,Jan 2 2025\n2,21,Jan 3 2025\n3,31.5,Jan 4 2025\n"),
    });
    const upload = page.getByRole("dialog", { name: "Load Orders 2025.csv" });
    await expect(upload.getByRole("status")).toHaveText("3 rows, 3 columns");
    await expect(upload.getByLabel("Table")).toHaveValue("orders_2025");
    await expect(upload.getByRole("row").nth(1)).toHaveText(/1.*10\.5.*Jan 2 2025/);
    // "Jan 2 2025" reads as text: chosen as a date, it is loaded as one.
    await upload.getByLabel("Type of placed").selectOption("date");
    await expect(upload.getByRole("row").nth(1)).toHaveText(/1.*10\.5.*2025-01-02/);
    await upload.getByRole("button", { name: "Load 3 rows" }).click();
    await expect(upload).toBeHidden();
    await expect(row.getByRole("status")).toHaveText("✓ Table orders_2025: 3 rows, 3 columns.");

    // The same name again replaces nothing until asked: appended, the table has both files' rows.
    await row.getByLabel("Upload file…").setInputFiles({
      name: "Orders 2025.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("id,amount,placed\n4,40,2025-01-05\n"),
    });
    await expect(upload.getByRole("group")).toContainText("A table “orders_2025” exists (3 rows)");
    await expect(upload.getByRole("button", { name: "Load 1 row" })).toBeDisabled();
    await upload.getByLabel("Append the file's rows to it").check();
    await upload.getByRole("button", { name: "Load 1 row" }).click();
    await expect(row.getByRole("status")).toHaveText("✓ Table orders_2025: 4 rows (1 row added), 3 columns.");

    // A damaged file is shown with the records that cannot be read, and loads only when told to skip them.
    await row.getByLabel("Upload file…").setInputFiles({
      name: "ragged.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("a,b\n1,2\n3\n4,5\n"),
    });
    const ragged = page.getByRole("dialog", { name: "Load ragged.csv" });
    await expect(ragged.getByRole("alert")).toContainText("1 record (1 line) of the file cannot be read");
    await expect(ragged.getByRole("alert")).toContainText("Line 3:");
    await expect(ragged.getByRole("button", { name: "Load 2 rows" })).toBeDisabled();
    await ragged.getByLabel(/Skip it and load the 2 rows/).check();
    await ragged.getByRole("button", { name: "Load 2 rows" }).click();
    await expect(row.getByRole("status")).toContainText("✓ Table ragged: 2 rows, 2 columns.");
    await expect(row.getByRole("status")).toContainText(
      "1 record (1 line) could not be read and was skipped",
    );

    await row.getByRole("button", { name: "Tables" }).click();
    const tables = row.getByRole("region", { name: "Tables" });
    await tables.getByText("main.orders_2025").click();
    await expect(tables).toContainText("amount DOUBLE");
    await expect(tables).toContainText("placed DATE");
    await tables.getByRole("button", { name: "Delete table ragged" }).click();
    await page
      .getByRole("dialog", { name: "Delete table ragged" })
      .getByRole("button", { name: "Delete" })
      .click();
    await expect(tables.getByText("main.ragged")).toBeHidden();
    await expect(tables.getByText("main.orders_2025")).toBeVisible();
    await row.getByRole("button", { name: "Test connection" }).click();
    await expect(row.getByRole("status").filter({ hasText: "Connected" })).toContainText("DuckDB v1.");
  });

  test("a wrong password is told in the database's words; another user never sees a private source", async ({
    baseURL,
  }) => {
    const alice = await apiAs(baseURL!);
    const bob = await apiAs(baseURL!);
    const created = await alice.post("/api/data-sources", {
      data: {
        name: "Shop, wrong password",
        kind: "postgres",
        connection: { url: `postgres://analyst:nope@127.0.0.1:${shop.port}/shop?sslmode=disable` },
      },
    });
    expect(created.status()).toBe(201);
    const { dataSource } = await created.json();
    expect(JSON.stringify(dataSource)).not.toContain("nope");
    const test = await alice.post(`/api/data-sources/${dataSource.id}/test`);
    expect(test.status()).toBe(422);
    expect((await test.json()).error.message).toContain("password authentication failed");
    for (const response of [
      await bob.get(`/api/data-sources/${dataSource.id}`),
      await bob.post(`/api/data-sources/${dataSource.id}/test`),
      await bob.get(`/api/data-sources/${dataSource.id}/schema`),
      await bob.delete(`/api/data-sources/${dataSource.id}`),
    ])
      expect(response.status()).toBe(404);
    await alice.dispose();
    await bob.dispose();
  });

  test("an upload larger than DUCKDB_UPLOAD_MAX_BYTES is refused from its declared size, before its body arrives", async ({
    baseURL,
    newUser: { api },
  }) => {
    const { dataSource } = await (
      await api.post("/api/data-sources", { data: { name: "Big", kind: "duckdb" } })
    ).json();
    const cookie = (await api.storageState()).cookies.map(({ name, value }) => `${name}=${value}`).join("; ");
    // 200 MiB are announced and never sent: the answer must come anyway.
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request(
        `${baseURL}/api/data-sources/${dataSource.id}/files`,
        {
          method: "POST",
          headers: {
            cookie,
            origin: baseURL!,
            "content-type": "multipart/form-data; boundary=x",
            "content-length": String(200 * 1024 * 1024),
          },
        },
        (response) => {
          resolve(response.statusCode!);
          request.destroy();
        },
      );
      request.on("error", reject);
      request.write("--x\r\n");
    });
    expect(status).toBe(413);
  });

  test("a JSON upload nested 5,000 levels deep is a 422 while /api/health keeps answering, and the server stays up", async ({
    newUser: { api },
  }) => {
    const { dataSource } = await (
      await api.post("/api/data-sources", { data: { name: "Deep", kind: "duckdb" } })
    ).json();
    // 30 kB that crashed the web process (SIGSEGV in DuckDB's JSON reader) before uploads had a process of their own.
    const deep = `[${'{"a":'.repeat(5000)}1${"}".repeat(5000)}]`;
    const upload = api.post(`/api/data-sources/${dataSource.id}/files`, {
      multipart: { file: { name: "deep.json", mimeType: "application/json", buffer: Buffer.from(deep) } },
    });
    const health = await api.get("/api/health");
    expect(health.status()).toBe(200);
    const answer = await upload;
    expect(answer.status()).toBe(422);
    expect((await answer.json()).error.message).toContain("more than 64 levels deep");
    expect((await api.get("/api/health")).status()).toBe(200);
  });
});
