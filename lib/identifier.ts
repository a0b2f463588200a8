/**
 * A name as the letters, digits and underscores of an identifier: accents taken off rather than the
 * letter dropped (`Übersicht` → `ubersicht`, `Café Zürich` → `cafe_zurich`), anything else a `_`,
 * lowercased, without leading or trailing `_`. The one rule for every id made from a name
 * (compositions, templates, uploaded tables); empty when the name has no letter or digit at all.
 */
export function identifierFrom(name: string, maxLength: number): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replaceAll("ß", "ss")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, maxLength)
    .replace(/_+$/, "");
}
