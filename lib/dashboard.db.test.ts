import { describe, expect } from "vitest";
import { DEMO_COMPOSITION_ID } from "@/lib/compositions/demo-document";
import { startRun } from "@/lib/engine/start-run";
import { makeUser } from "@/lib/testing/engine";
import { dbTest as it } from "@/lib/testing/fixture";
import { loadDashboard } from "./dashboard";

// No worker runs here: a started run stays pending, which is all the first steps look at.

describe("the dashboard's first steps", () => {
  it("offer the demo until the user has started a run, then give way to the usual panels", async ({
    database,
  }) => {
    const user = await makeUser(database, "newcomer");
    expect((await loadDashboard(database.db, user)).firstSteps).toEqual({
      demo: { compositionId: DEMO_COMPOSITION_ID, name: "Campaign analysis" },
    });
    await startRun(database.db, user, DEMO_COMPOSITION_ID, { parameters: {}, trigger: "manual" });
    expect((await loadDashboard(database.db, user)).firstSteps).toBeNull();
  });

  it("say nothing of a demo the user cannot read (deleted, or made private by its owner)", async ({
    database,
  }) => {
    const user = await makeUser(database, "late");
    await database.db.composition.update({
      where: { compositionId: DEMO_COMPOSITION_ID },
      data: { isPublic: false },
    });
    expect((await loadDashboard(database.db, user)).firstSteps).toEqual({ demo: null });
  });
});
