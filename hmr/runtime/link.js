// The spec's module linking over our own records: which names a module exports (including
// `export *`), where each name resolves to, and a SyntaxError naming the file and the name when
// an import asks for something missing or ambiguous.
import { bindingsOf } from "./namespace.js";
import { SourceError } from "./source-error.js";
import { locationOfSpecifier } from "./source-location.js";

/** An import or export that does not link; carries the importing file's line and column. */
export class ModuleLinkError extends SourceError {}

const AMBIGUOUS = "ambiguous";
/** The binding name of a module's namespace in a resolution (the spec's ~namespace~). */
const NAMESPACE = Symbol("namespace");

/**
 * Links instances against each other. `instanceOf(record)` gives the instance a record will have
 * once the update applies (the new one if it has one).
 */
export class Linker {
  constructor(instanceOf) {
    this.instanceOf = instanceOf;
  }

  /** Names a module exports, as GetExportedNames: own names, then star names but `default`. */
  exportedNames(target, visited = new Set()) {
    if (target.external) return Object.keys(target.namespace);
    const instance = this.instanceOf(target);
    if (visited.has(instance)) return [];
    visited.add(instance);
    const names = instance.compiled.exports.map((e) => e.name);
    for (const specifier of instance.compiled.starExports) {
      for (const name of this.exportedNames(instance.dependency(specifier), visited)) {
        if (name !== "default" && !names.includes(name)) names.push(name);
      }
    }
    return names;
  }

  /**
   * Resolves `name` exported by `target` to { target, bindingName } as ResolveExport does, or
   * null when missing, or "ambiguous" when two star exports provide different bindings.
   */
  resolveExport(target, name, resolveSet = []) {
    if (target.external) {
      return name in target.namespace ? { target, bindingName: name } : null;
    }
    for (const seen of resolveSet) if (seen.target === target && seen.name === name) return null;
    resolveSet.push({ target, name });
    const instance = this.instanceOf(target);
    const entry = instance.compiled.exports.find((e) => e.name === name);
    if (entry) {
      if (entry.kind === "local") return { target, bindingName: name };
      // `export * as ns` names the other module's namespace, whoever re-exports it.
      if (entry.kind === "namespace") return { target: instance.dependency(entry.specifier), bindingName: NAMESPACE };
      return this.resolveExport(instance.dependency(entry.specifier), entry.importName, resolveSet);
    }
    if (name === "default") return null;
    let starResolution = null;
    for (const specifier of instance.compiled.starExports) {
      const resolution = this.resolveExport(instance.dependency(specifier), name, resolveSet);
      if (resolution === AMBIGUOUS) return AMBIGUOUS;
      if (resolution === null) continue;
      if (starResolution === null) starResolution = resolution;
      else if (
        starResolution.target !== resolution.target ||
        starResolution.bindingName !== resolution.bindingName
      ) {
        return AMBIGUOUS;
      }
    }
    return starResolution;
  }

  /** Checks every named import and indirect export of `instance`; throws ModuleLinkError. */
  check(instance) {
    const file = instance.record.path;
    const source = instance.compiled.source;
    for (const dep of instance.deps) {
      for (const name of dep.importedNames ?? []) {
        this.expectExport(dep, name, file, source);
      }
    }
    for (const entry of instance.compiled.exports) {
      if (entry.kind !== "indirect") continue;
      const dep = instance.deps.find((d) => d.specifier === entry.specifier);
      this.expectExport(dep, entry.importName, file, source);
    }
  }

  expectExport(dep, name, file, source) {
    const resolution = this.resolveExport(dep.target, name);
    if (resolution !== null && resolution !== AMBIGUOUS) return;
    const { line, column } = locationOfSpecifier(source, dep.specifier);
    const problem =
      resolution === AMBIGUOUS
        ? `The requested module '${dep.specifier}' contains conflicting star exports for name '${name}'`
        : `The requested module '${dep.specifier}' does not provide an export named '${name}'`;
    throw new ModuleLinkError(problem, file, line, column);
  }

  /**
   * The getters of `record`'s namespace: own exports read the current instance's exports
   * object; star exports read the binding they resolve to, in the namespace of the module that
   * holds it (never through another star module, which could lead back here in a cycle).
   */
  namespaceGetters(record) {
    /** @type {Map<string, () => unknown> & { signature?: string }} */
    const getters = new Map();
    // Names and where star names come from: equal signatures mean equal namespaces.
    const signature = [];
    const instance = this.instanceOf(record);
    for (const entry of instance.compiled.exports) {
      const name = entry.name;
      getters.set(name, () => record.current.exports[name]);
      signature.push(name);
    }
    for (const name of this.exportedNames(record)) {
      if (getters.has(name)) continue;
      const resolution = this.resolveExport(record, name);
      if (resolution === null || resolution === AMBIGUOUS) continue;
      const holder = resolution.target;
      if (resolution.bindingName === NAMESPACE) {
        getters.set(name, () => holder.namespace);
      } else {
        const holderBindings = bindingsOf(holder.namespace);
        const bindingName = resolution.bindingName;
        getters.set(name, () => holderBindings[bindingName]);
      }
      signature.push(`${name}<${holder.path ?? holder.url}:${String(resolution.bindingName)}`);
    }
    getters.signature = signature.sort().join("\n");
    return getters;
  }
}
