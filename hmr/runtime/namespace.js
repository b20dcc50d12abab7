// One live namespace object per module path. Importers hold on to it for ever; its getters read
// whatever instance is current, which is what makes bindings live across updates.

/** Creates an empty namespace object shaped like a real module namespace. */
export function createNamespace() {
  const namespace = Object.create(null);
  Object.defineProperty(namespace, Symbol.toStringTag, { value: "Module" });
  return namespace;
}

/**
 * Replaces the namespace's bindings with `getters` (a Map from export name to getter, with a
 * `signature` naming where each comes from), keeping the names sorted as the spec orders them.
 * Leaves the properties alone when the signature did not change: the getters read the current
 * instance anyway.
 */
export function setNamespaceBindings(namespace, getters) {
  const installed = bindings.get(namespace);
  bindings.set(namespace, getters);
  if (installed !== undefined && installed.signature === getters.signature) {
    for (const name of Object.keys(namespace)) {
      Object.defineProperty(namespace, name, { get: getters.get(name) });
    }
    return;
  }
  const names = [...getters.keys()].sort();
  for (const name of Object.keys(namespace)) delete namespace[name];
  for (const name of names) {
    Object.defineProperty(namespace, name, {
      enumerable: true,
      configurable: true,
      get: getters.get(name),
      set: rejectAssignment(name),
    });
  }
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
