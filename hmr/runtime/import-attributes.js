// The import attributes of static imports and re-exports (`with { type: "json" }`), which
// oxc-parser's module record leaves out. Only a module whose text says `with {` has any (`with`
// is no statement in module code), and only then is the AST read, at its top level.
const WITH_CLAUSE = /\bwith\s*\{/;

/**
 * Sets `attributes` on each entry of `imports` (module-shape.js) whose declaration has some;
 * `program()` gives the AST.
 * @param {string} code
 * @param {import("./module-shape.js").ImportEntry[]} imports
 * @param {() => any} program
 */
export function addImportAttributes(code, imports, program) {
  if (!WITH_CLAUSE.test(code)) return;
  const byStart = new Map();
  for (const statement of program().body) {
    if (!statement.source || !statement.attributes) continue;
    // The lazy AST holds a WithClause with the list, the plain one the list itself.
    const list = statement.attributes.attributes ?? statement.attributes;
    /** @type {Record<string, string>} */
    const attributes = {};
    for (const attribute of list) attributes[attribute.key.name ?? attribute.key.value] = attribute.value.value;
    if (Object.keys(attributes).length > 0) byStart.set(statement.start, attributes);
  }
  for (const entry of imports) {
    const attributes = byStart.get(entry.start);
    if (attributes) entry.attributes = attributes;
  }
}
