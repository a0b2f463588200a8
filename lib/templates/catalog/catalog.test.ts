import { describe, expect, it } from "vitest";
import { templateCatalog } from ".";

const sqlTemplates = templateCatalog.filter((template) => template.kind === "sql");

function namedParameters(sql: string): Set<string> {
  // `::type` casts are not parameters; `:name` is.
  return new Set([...sql.matchAll(/(?<!:):([a-z_][a-z0-9_]*)/g)].map((match) => match[1]!));
}

describe("template catalog", () => {
  it("ships every kind, with at least five SQL templates", () => {
    expect(sqlTemplates.length).toBeGreaterThanOrEqual(5);
    expect(new Set(templateCatalog.map((template) => template.kind))).toEqual(
      new Set(["sql", "http", "transform", "delay", "echo", "results_sql"]),
    );
  });

  it("has unique template ids, and unique parameter and output names within each template", () => {
    const ids = templateCatalog.map((template) => template.templateId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const template of templateCatalog) {
      const params = template.parameters.map((parameter) => parameter.name);
      const outputs = template.outputs.map((output) => output.name);
      expect(new Set(params).size, template.templateId).toBe(params.length);
      expect(new Set(outputs).size, template.templateId).toBe(outputs.length);
      // A "Query results" node's outputs are its own SQL's columns, not the template's.
      if (template.kind !== "results_sql") expect(outputs.length, template.templateId).toBeGreaterThan(0);
    }
  });

  it.each(sqlTemplates.map((template) => [template.templateId, template] as const))(
    "%s binds exactly its declared parameters",
    (_, template) => {
      if (template.kind !== "sql") throw new Error("not sql");
      const declared = new Set(template.parameters.map((parameter) => parameter.name));
      expect(namedParameters(template.definition.sql)).toEqual(declared);
    },
  );

  it("charts only fields the template outputs", () => {
    for (const template of templateCatalog.filter((t) => t.chartConfig)) {
      const outputs = new Set(template.outputs.map((output) => output.name));
      const { x, y } = template.chartConfig!;
      for (const field of [x, ...y]) expect(outputs, `${template.templateId}.${field}`).toContain(field);
    }
  });

  it("gives defaults that match an enum when it has one", () => {
    for (const template of templateCatalog) {
      for (const parameter of template.parameters.filter((p) => p.enum && p.default !== undefined)) {
        expect(parameter.enum, `${template.templateId}.${parameter.name}`).toContain(parameter.default);
      }
    }
  });
});
