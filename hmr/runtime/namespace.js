// Module namespaces. Each module has one bindings object (the "holder"): accessors that read
// whatever instance is current, which is what makes bindings live across updates. Named imports
// read the holder directly (bindingsOf), so they cost no Proxy trap.
//
// The namespace the app sees (`import * as ns`, `import()`, `export * as ns`) is a view of the
// holder: a Proxy whose target (the "shape") is what the spec's module namespace exotic object
// is, a null-prototype object that is not extensible, with one non-configurable writable data
// property per export name and @@toStringTag. So `Object.isExtensible`, `Reflect.set`,
// `Reflect.defineProperty`, `delete` and the descriptors all answer as for a real namespace, and
// reads go to the holder (a binding not yet initialised throws its ReferenceError).
// A shape's names are fixed once the module links. An update that changes which names a module
// exports gets a new view with the new names (runtime.js makes it the record's namespace, and
// what modules linked in that update import); a module that is not evaluated again keeps the
// view it has, whose names are the old ones but whose reads, also of new names, stay live.

/** View -> holder. */
const holders = new WeakMap();
/** View -> shape. */
const shapes = new WeakMap();
/** Shape -> holder (the traps get the shape). */
const shapeHolders = new WeakMap();
/** Shape -> export names, sorted as the spec orders them. */
const names = new WeakMap();
/** Holder -> the getters last installed on it (with their signature). */
const bindings = new WeakMap();

const handler = {
  get(shape, key) {
    if (typeof key === "symbol") return Reflect.get(shape, key);
    const holder = shapeHolders.get(shape);
    return Object.hasOwn(holder, key) ? holder[key] : undefined;
  },
  set() {
    return false;
  },
  defineProperty(shape, key, descriptor) {
    if (typeof key === "symbol") return Reflect.defineProperty(shape, key, descriptor);
    if (!Object.hasOwn(shape, key)) return false;
    if (descriptor.configurable === true || descriptor.enumerable === false || descriptor.writable === false) return false;
    if ("get" in descriptor || "set" in descriptor) return false;
    return !("value" in descriptor) || Object.is(descriptor.value, handler.get(shape, key));
  },
  deleteProperty(shape, key) {
    if (typeof key === "symbol") return Reflect.deleteProperty(shape, key);
    return !Object.hasOwn(shape, key);
  },
  getOwnPropertyDescriptor(shape, key) {
    if (typeof key === "symbol" || !Object.hasOwn(shape, key)) return Reflect.getOwnPropertyDescriptor(shape, key);
    return { value: handler.get(shape, key), writable: true, enumerable: true, configurable: false };
  },
  ownKeys(shape) {
    return [...(names.get(shape) ?? []), Symbol.toStringTag];
  },
};

// A view of `holder`; with `exportNames`, its shape is final, else names come at the first link.
function newView(holder, exportNames) {
  const shape = Object.create(null);
  for (const name of exportNames ?? []) {
    Object.defineProperty(shape, name, { value: undefined, writable: true, enumerable: true, configurable: false });
  }
  Object.defineProperty(shape, Symbol.toStringTag, { value: "Module" });
  if (exportNames) {
    names.set(shape, exportNames);
    Object.preventExtensions(shape);
  }
  shapeHolders.set(shape, holder);
  const view = new Proxy(shape, handler);
  holders.set(view, holder);
  shapes.set(view, shape);
  return view;
}

/** Creates the namespace of a module not linked yet (its names come with its first link). */
export function createNamespace() {
  return newView(Object.create(null), null);
}

/** The object holding `namespace`'s bindings, read without a Proxy trap (or `namespace`). */
export function bindingsOf(namespace) {
  return holders.get(namespace) ?? namespace;
}

/**
 * The view of `namespace`'s module that exporting `getters`' names gives: `namespace` itself
 * when the names are those of its shape (or it has none yet), else a new view of the same
 * bindings. Changes nothing (link time: the module may still fail to link).
 */
export function namespaceFor(namespace, getters) {
  const shape = shapes.get(namespace);
  if (shape === undefined || Object.isExtensible(shape)) return namespace;
  // An equal signature names the same exports: the usual update, with no sort to compare.
  if (bindings.get(bindingsOf(namespace))?.signature === getters.signature) return namespace;
  const sorted = [...getters.keys()].sort();
  const current = names.get(shape) ?? [];
  if (sorted.length === current.length && sorted.every((name, index) => name === current[index])) return namespace;
  return newView(bindingsOf(namespace), sorted);
}

/**
 * Replaces the namespace's bindings with `getters` (a Map from export name to getter, with a
 * `signature` naming where each comes from), keeping the names sorted as the spec orders them,
 * and fixes the view's names if they were not yet. Leaves the properties alone when the
 * signature did not change: the getters read the current instance anyway.
 */
export function setNamespaceBindings(namespace, getters) {
  const target = bindingsOf(namespace);
  const installed = bindings.get(target);
  bindings.set(target, getters);
  const shape = shapes.get(namespace);
  if (installed !== undefined && installed.signature === getters.signature) {
    for (const name of Object.keys(target)) {
      Object.defineProperty(target, name, { get: getters.get(name) });
    }
    return;
  }
  const sorted = [...getters.keys()].sort();
  for (const name of Object.keys(target)) delete target[name];
  for (const name of sorted) {
    Object.defineProperty(target, name, {
      enumerable: true,
      configurable: true,
      get: getters.get(name),
      set: rejectAssignment(name),
    });
  }
  if (shape !== undefined && Object.isExtensible(shape)) {
    for (const name of sorted) {
      Object.defineProperty(shape, name, { value: undefined, writable: true, enumerable: true, configurable: false });
    }
    names.set(shape, sorted);
    Object.preventExtensions(shape);
  }
}

/** The getters last installed on `namespace`, to put them back when an update rolls back. */
export function namespaceBindings(namespace) {
  return bindings.get(bindingsOf(namespace));
}

function rejectAssignment(name) {
  return () => {
    throw new TypeError(`Cannot assign to read only property '${name}' of object '[object Module]'`);
  };
}
