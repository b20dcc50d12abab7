// A module's shape (what it imports, exports and re-exports) read from oxc-parser's module
// record, the parser's own table of every import and export declaration with its spans.

/**
 * @typedef {{ specifier: string, importedNames: string[] | null }} ImportEntry
 * @typedef {{ name: string, kind: "local" }
 *   | { name: string, kind: "indirect", specifier: string, importName: string }
 *   | { name: string, kind: "namespace", specifier: string }} ExportEntry
 * @typedef {{
 *   imports: ImportEntry[],
 *   exports: ExportEntry[],
 *   starExports: string[],
 *   anonymousDefault: boolean,
 *   importedLocals: string[],
 * }} ModuleShape
 */

/**
 * The shape of a module from its record (`parseSync(...).module`). `imports` has one entry per
 * import or re-export declaration in source order, which is the spec's order of requested
 * modules; `importedNames` lists the names an import declaration asks for (null for a
 * side-effect or namespace import), re-exported names are checked through `exports`.
 * @returns {ModuleShape}
 */
export function moduleShape(record) {
  const requests = [];
  const importedLocals = new Map();
  const locals = [];
  for (const declaration of record.staticImports) {
    let names = null;
    for (const entry of declaration.entries) {
      if (entry.isType) continue;
      locals.push(entry.localName.value);
      const kind = entry.importName.kind;
      if (kind === "NamespaceObject") {
        importedLocals.set(entry.localName.value, { specifier: declaration.moduleRequest.value, namespace: true });
        continue;
      }
      const name = kind === "Default" ? "default" : entry.importName.name;
      (names ??= []).push(name);
      importedLocals.set(entry.localName.value, { specifier: declaration.moduleRequest.value, importName: name });
    }
    requests.push({ start: declaration.start, specifier: declaration.moduleRequest.value, importedNames: names });
  }
  const exports = [];
  const starExports = [];
  let anonymousDefault = false;
  for (const declaration of record.staticExports) {
    let request = null;
    for (const entry of declaration.entries) {
      if (entry.isType) continue;
      const name = entry.exportName.kind === "Default" ? "default" : entry.exportName.name;
      const specifier = entry.moduleRequest?.value;
      if (specifier === undefined) {
        if (entry.exportName.kind === "Default" && entry.localName.kind === "None") anonymousDefault = true;
        // `import { a } from "x"; export { a }` re-exports x's binding (the spec's indirect
        // export), and `import * as ns from "x"; export { ns }` x's namespace, which matters
        // when two star exports meet the same binding.
        const imported = entry.localName.kind === "Name" ? importedLocals.get(entry.localName.name) : undefined;
        if (imported === undefined) exports.push({ name, kind: "local" });
        else if (imported.namespace) exports.push({ name, kind: "namespace", specifier: imported.specifier });
        else exports.push({ name, kind: "indirect", specifier: imported.specifier, importName: imported.importName });
        continue;
      }
      request ??= specifier;
      const importKind = entry.importName.kind;
      if (importKind === "AllButDefault") starExports.push(specifier);
      else if (importKind === "All") exports.push({ name, kind: "namespace", specifier });
      else exports.push({ name, kind: "indirect", specifier, importName: entry.importName.name });
    }
    if (request !== null) requests.push({ start: declaration.start, specifier: request, importedNames: null });
  }
  requests.sort((a, b) => a.start - b.start);
  return {
    imports: requests.map(({ specifier, importedNames }) => ({ specifier, importedNames })),
    exports,
    starExports,
    anonymousDefault,
    importedLocals: locals,
  };
}
