/**
 * The heading of a saved template's editor: its name, its version, and what saving makes. Not a
 * client module: the edit page (a server component) and the editor (after a first save) both call it.
 */
export function editingHeader(template: { name: string; version: number }) {
  return {
    title: `Edit ${template.name}`,
    description: `Version ${template.version}. Saving makes version ${template.version + 1}; compositions keep running the version their nodes use, and their editor offers the new one.`,
  };
}
