// A module's shape (what it imports, exports and re-exports) read from oxc-parser's module
// record, the parser's own table of every import and export declaration with its spans.
//
// The record comes in two forms: the JSON one ({ kind, name } for each name) and the lazy one of
// oxc-parser's raw transfer (a name is a span with `value`, a span without it for `default`, or
// a string such as "namespaceObject", "all", "null"). The functions below read either.

/**
 * @typedef {{ specifier: string, importedNames: string[] | null, start?: number, attributes?: Record<string, string>, phase?: "source" }} ImportEntry
 *   (`start`: where its declaration starts; `attributes`: its `with { ... }`, import-attributes.js;
 *   `phase`: "source" for `import source x from`, source-phase.js)
 * @typedef {{ name: string, kind: "local" }
 *   | { name: string, kind: "indirect", specifier: string, importName: string }
 *   | { name: string, kind: "namespace", specifier: string }} ExportEntry
 * @typedef {{
 *   imports: ImportEntry[],
 *   exports: ExportEntry[],
 *   starExports: string[],
 *   anonymousDefault: boolean,
 *   importedLocals: string[],
 *   exportedLocals: string[],
 *   defaultAndNamespace: { defaultEnd: number, namespaceEnd: number, namespace: string, requestStart: number, end: number }[],
 * }} ModuleShape
 */

/** What an import entry asks for: { kind: "Name" | "Default" | "NamespaceObject", name }. */
export function importNameOf(entry) {
  const name = entry.importName;
  if (typeof name === "string") return { kind: "NamespaceObject", name: null };
  if (name.kind !== undefined) return { kind: name.kind, name: name.name };
  return name.value !== undefined ? { kind: "Name", name: name.value } : { kind: "Default", name: null };
}

const EXPORT_IMPORT_KINDS = { all: "All", allButDefault: "AllButDefault", null: "None" };

/** What an export entry takes from its module: { kind: "Name" | "All" | "AllButDefault" | "None", name }. */
function exportImportNameOf(entry) {
  const name = entry.importName;
  if (typeof name === "string") return { kind: EXPORT_IMPORT_KINDS[name], name: null };
  if (name.kind !== undefined) return { kind: name.kind, name: name.name };
  return { kind: "Name", name: name.value };
}

/** The name an export entry exports: { kind: "Name" | "Default" | "None", name }. */
export function exportNameOf(entry) {
  const name = entry.exportName;
  if (typeof name === "string") return { kind: "None", name: null };
  if (name.kind !== undefined) return { kind: name.kind, name: name.name };
  return name.value !== undefined ? { kind: "Name", name: name.value } : { kind: "Default", name: null };
}

/** The local name an export entry exports, or null (`export default 1`, re-exports). */
export function exportLocalNameOf(entry) {
  const name = entry.localName;
  if (typeof name === "string") return null;
  if (name.kind !== undefined) return name.kind === "None" ? null : name.name;
  return name.value ?? null;
}

/**
 * The shape of a module from its record (`parse(...).module`). `imports` has one entry per
 * import or re-export declaration in source order, which is the spec's order of requested
 * modules; `importedNames` lists the names an import declaration asks for (null for a
 * side-effect or namespace import), re-exported names are checked through `exports`.
 * @returns {ModuleShape}
 */
export function moduleShape(record) {
  const requests = [];
  const importedLocals = new Map();
  // What the import binding at a source position imports: oxc turns `import d from "x";
  // export { d }` into a re-export of x's `default` whose name, in the lazy record, is unreadable
  // (a span of `d` with no text of its own); its position names the import binding.
  const importedAt = new Map();
  const locals = [];
  // `import d, * as ns from "x"`: module-edits.js splits them.
  const defaultAndNamespace = [];
  for (const declaration of record.staticImports) {
    const request = declaration.moduleRequest;
    const specifier = request.value;
    let names = null;
    let defaultEnd = -1;
    for (const entry of declaration.entries) {
      if (entry.isType) continue;
      const localName = entry.localName;
      const local = localName.value;
      locals.push(local);
      const imported = importNameOf(entry);
      if (imported.kind === "Default") defaultEnd = localName.end;
      if (imported.kind === "NamespaceObject") {
        importedLocals.set(local, { specifier, namespace: true });
        if (defaultEnd >= 0) {
          defaultAndNamespace.push({ defaultEnd, namespaceEnd: localName.end, namespace: local, requestStart: request.start, end: declaration.end });
        }
        continue;
      }
      const name = imported.kind === "Default" ? "default" : imported.name;
      (names ??= []).push(name);
      importedLocals.set(local, { specifier, importName: name });
      importedAt.set(localName.start, name);
    }
    requests.push({ start: declaration.start, specifier, importedNames: names });
  }
  /** @type {ExportEntry[]} */
  const exports = [];
  const starExports = [];
  const exportedLocals = new Set();
  let anonymousDefault = false;
  for (const declaration of record.staticExports) {
    let request = null;
    for (const entry of declaration.entries) {
      if (entry.isType) continue;
      const exported = exportNameOf(entry);
      const name = exported.kind === "Default" ? "default" : exported.name;
      const specifier = entry.moduleRequest?.value;
      if (specifier === undefined) {
        const local = exportLocalNameOf(entry);
        if (exported.kind === "Default" && local === null) anonymousDefault = true;
        // `import { a } from "x"; export { a }` re-exports x's binding (the spec's indirect
        // export), and `import * as ns from "x"; export { ns }` x's namespace, which matters
        // when two star exports meet the same binding. (`export default a` exports a value.)
        const imported = exported.kind === "Name" && local !== null ? importedLocals.get(local) : undefined;
        if (local !== null && !importedLocals.has(local)) exportedLocals.add(local);
        if (imported === undefined) exports.push({ name, kind: "local" });
        else if (imported.namespace) exports.push({ name, kind: "namespace", specifier: imported.specifier });
        else exports.push({ name, kind: "indirect", specifier: imported.specifier, importName: imported.importName });
        continue;
      }
      request ??= specifier;
      const imported = exportImportNameOf(entry);
      if (imported.kind === "AllButDefault") starExports.push(specifier);
      else if (imported.kind === "All") exports.push({ name, kind: "namespace", specifier });
      else exports.push({ name, kind: "indirect", specifier, importName: importedAt.get(entry.importName.start) ?? imported.name });
    }
    if (request !== null) requests.push({ start: declaration.start, specifier: request, importedNames: null });
  }
  requests.sort((a, b) => a.start - b.start);
  return {
    imports: requests.map(({ start, specifier, importedNames }) => ({ specifier, importedNames, start })),
    exports,
    starExports,
    anonymousDefault,
    importedLocals: locals,
    exportedLocals: [...exportedLocals],
    defaultAndNamespace,
  };
}
