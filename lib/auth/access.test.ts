import { describe, expect, it } from "vitest";
import { assertMayChange, may, visibleTo } from "./access";
import type { SessionUser } from "./user";

const ann: SessionUser = { id: "ann", name: "Ann", email: "ann@example.com", role: "user" };
const bob: SessionUser = { id: "bob", name: "Bob", email: "bob@example.com", role: "user" };
const admin: SessionUser = { id: "root", name: "Root", email: "root@example.com", role: "admin" };

describe("the access policy", () => {
  it("lets the owner and admins see and change a private composition, and no one else", () => {
    const row = { ownerId: "ann", isPublic: false };
    expect([ann, bob, admin].map((user) => may(user, "see", "composition", row))).toEqual([
      true,
      false,
      true,
    ]);
    expect([ann, bob, admin].map((user) => may(user, "change", "composition", row))).toEqual([
      true,
      false,
      true,
    ]);
  });

  it("lets everyone see a public composition, and only its owner and admins change it", () => {
    const row = { ownerId: "ann", isPublic: true };
    expect(may(bob, "see", "composition", row)).toBe(true);
    expect(may(bob, "change", "composition", row)).toBe(false);
  });

  it("lets everyone see the catalog and no one, admins included, change it", () => {
    const row = { ownerId: null, isPublic: false, builtIn: true };
    expect([ann, admin].map((user) => may(user, "see", "template", row))).toEqual([true, true]);
    expect([ann, admin].map((user) => may(user, "change", "template", row))).toEqual([false, false]);
  });

  it("keeps a built-in data source read-only and a shared one visible to all", () => {
    const sample = { ownerId: null, isShared: true, builtIn: "warehouse" };
    expect(may(bob, "see", "dataSource", sample)).toBe(true);
    expect(may(admin, "change", "dataSource", sample)).toBe(false);
    const own = { ownerId: "ann", isShared: false, builtIn: null };
    expect([ann, bob, admin].map((user) => may(user, "change", "dataSource", own))).toEqual([
      true,
      false,
      true,
    ]);
  });

  it("keeps workflows private, even with a public flag set", () => {
    const row = { ownerId: "ann", isPublic: true };
    expect([ann, bob, admin].map((user) => may(user, "see", "workflow", row))).toEqual([true, false, true]);
  });

  it("never lets an ownerless row be changed by a user whose id is empty (a run's ownerless runner)", () => {
    const runner: SessionUser = { id: "", name: "", email: "", role: "user" };
    expect(may(runner, "change", "composition", { ownerId: null })).toBe(false);
  });

  it("filters the rows a user may see as the predicate does: own and opened ones; all for an admin", () => {
    expect(visibleTo(ann, "composition")).toEqual({ OR: [{ ownerId: "ann" }, { isPublic: true }] });
    expect(visibleTo(ann, "template")).toEqual({
      OR: [{ ownerId: "ann" }, { isPublic: true }, { builtIn: true }],
    });
    expect(visibleTo(ann, "workflow")).toEqual({ OR: [{ ownerId: "ann" }] });
    expect(visibleTo(admin, "dataSource")).toEqual({});
  });

  it("refuses a change with a 403 that says why: built in (and what to do instead), or not the user's", () => {
    const builtIn = { ownerId: null, builtIn: true, name: "Top products" };
    expect(() => assertMayChange(admin, "template", builtIn, "duplicate it to edit a copy")).toThrow(
      '"Top products" is built in: duplicate it to edit a copy.',
    );
    const anns = { ownerId: "ann", isShared: false, builtIn: null, name: "Ann's files" };
    expect(() => assertMayChange(bob, "dataSource", anns)).toThrow(
      "Only the owner or an admin can change this data source.",
    );
    expect(() => assertMayChange(bob, "dataSource", anns)).toThrow(
      expect.objectContaining({ code: "forbidden" }),
    );
    expect(() => assertMayChange(admin, "dataSource", anns)).not.toThrow();
  });
});
