import { describe, expect, it } from "vitest";
import { compositionIdFromName } from "./compositions/composition-id";
import { identifierFrom } from "./identifier";

describe("an identifier made from a name", () => {
  it("keeps accented letters without their accents, everywhere the same", () => {
    expect(identifierFrom("Übersicht", 60)).toBe("ubersicht");
    expect(identifierFrom("Café Zürich 2025", 60)).toBe("cafe_zurich_2025");
    expect(identifierFrom("Straße", 60)).toBe("strasse");
    expect(compositionIdFromName("Übersicht")).toBe("comp_ubersicht");
  });

  it("is empty when the name has no letter or digit", () => {
    expect(identifierFrom("—!", 60)).toBe("");
  });
});
