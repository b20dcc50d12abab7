// One live namespace object per module path. Importers hold on to it for ever; its getters read
// whatever instance is current, which is what makes bindings live across updates.

/** Creates an empty namespace object shaped like a real module namespace. */
export function createNamespace() {
  const namespace = Object.create(null);
  Object.defineProperty(namespace, Symbol.toStringTag, { value: "Module" });
  return namespace;
}

/**
 * Replaces the namespace's bindings with `getters` (a Map from export name to getter), keeping
 * the names sorted as the spec orders them. Does nothing when the names did not change.
 */
export function setNamespaceBindings(namespace, getters) {
  const names = [...getters.keys()].sort();
  const current = Object.keys(namespace);
  const sameNames = current.length === names.length && current.every((n, i) => n === names[i]);
  if (sameNames && bindings.get(namespace) === getters) return;
  for (const name of current) delete namespace[name];
  for (const name of names) {
    Object.defineProperty(namespace, name, {
      enumerable: true,
      configurable: true,
      get: getters.get(name),
      set: rejectAssignment(name),
    });
  }
  bindings.set(namespace, getters);
}

const bindings = new WeakMap();

/** The getters last installed on `namespace`, to put them back when an update rolls back. */
export function namespaceBindings(namespace) {
  return bindings.get(namespace);
}

function rejectAssignment(name) {
  return () => {
    throw new TypeError(`Cannot assign to read only property '${name}' of object '[object Module]'`);
  };
}
