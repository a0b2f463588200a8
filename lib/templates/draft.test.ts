import { describe, expect, it } from "vitest";
import { draftDefinition, templateDraft } from "./draft";

const blank = (kind: "sql" | "http" | "transform") =>
  templateDraft(null, { copy: false, defaultDataSourceId: "s", kind });

describe("a template draft as the API takes it", () => {
  it("reads headers one per line and refuses a line without a name", () => {
    const draft = blank("http");
    draft.http.headers = "Accept: application/json\n\nX-Token:  {{token}} ";
    expect(draftDefinition(draft)).toEqual({
      ok: true,
      body: {
        kind: "http",
        definition: {
          method: "GET",
          url: draft.http.url,
          headers: { Accept: "application/json", "X-Token": "{{token}}" },
          body: undefined,
          rows: undefined,
        },
      },
    });
    draft.http.headers = "Accept application/json";
    expect(draftDefinition(draft)).toEqual({
      ok: false,
      error: 'Header line 1 needs the form "Name: value".',
    });
  });

  it("takes a transform's sample as a JSON object only", () => {
    const draft = blank("transform");
    expect(draftDefinition(draft)).toMatchObject({
      ok: true,
      body: { definition: { sample: { values: [1, 2, 3] } } },
    });
    draft.transform.sample = "[1]";
    expect(draftDefinition(draft)).toMatchObject({
      ok: false,
      error: expect.stringContaining("JSON object"),
    });
    draft.transform.sample = "{";
    expect(draftDefinition(draft)).toMatchObject({ ok: false, error: expect.stringContaining("not JSON") });
  });

  it("copies a built-in HTTP template with a placeholder method as GET", () => {
    const draft = templateDraft(
      {
        templateId: "http_request",
        name: "HTTP request",
        kind: "http",
        definition: { method: "{{method}}", url: "{{url}}", headers: {}, body: "{{body}}" },
      } as never,
      { copy: true, defaultDataSourceId: "s" },
    );
    expect(draft).toMatchObject({ templateId: null, kind: "http", name: "HTTP request (copy)" });
    expect(draft.http).toMatchObject({ method: "GET", url: "{{url}}", body: "{{body}}" });
  });
});
