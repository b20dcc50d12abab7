// One live namespace per module path. Importers hold on to it for ever; its getters read
// whatever instance is current, which is what makes bindings live across updates.
//
// The namespace the app sees (`import * as ns`, `import()`, `export * as ns`) is a Proxy that
// behaves as the spec's module namespace exotic object where a Proxy can: a null prototype that
// stays null, no new or changed properties (`Reflect.set` and `Reflect.defineProperty` give
// false, so assignments throw in module code), exports that cannot be deleted, data property
// descriptors whose value is read (a binding not yet initialised throws its ReferenceError), and
// keys in the spec's order. Its target stays extensible and its properties configurable, because
// an update changes which names the module exports; so `Object.isExtensible` says true and
// descriptors say configurable. Named imports read the target directly (bindingsOf), so they
// cost no Proxy trap.

const targets = new WeakMap();

const handler = {
  set() {
    return false;
  },
  defineProperty(target, key, descriptor) {
    if (typeof key === "symbol") return Reflect.defineProperty(target, key, descriptor);
    if (!Object.hasOwn(target, key)) return false;
    if (descriptor.configurable === true || descriptor.enumerable === false || descriptor.writable === false) return false;
    if ("get" in descriptor || "set" in descriptor) return false;
    return !("value" in descriptor) || Object.is(descriptor.value, target[key]);
  },
  deleteProperty(target, key) {
    if (typeof key === "symbol") return Reflect.deleteProperty(target, key);
    return !Object.hasOwn(target, key);
  },
  getOwnPropertyDescriptor(target, key) {
    if (typeof key === "symbol" || !Object.hasOwn(target, key)) return Reflect.getOwnPropertyDescriptor(target, key);
    return { value: target[key], writable: true, enumerable: true, configurable: true };
  },
  ownKeys(target) {
    return [...(names.get(target) ?? []), Symbol.toStringTag];
  },
  setPrototypeOf(target, prototype) {
    return prototype === null;
  },
  preventExtensions() {
    return false;
  },
};

/** The export names of each target, sorted as the spec orders them. */
const names = new WeakMap();

/** Creates an empty namespace object shaped like a real module namespace. */
export function createNamespace() {
  const target = Object.create(null);
  Object.defineProperty(target, Symbol.toStringTag, { value: "Module" });
  const namespace = new Proxy(target, handler);
  targets.set(namespace, target);
  return namespace;
}

/** The object holding `namespace`'s bindings, read without a Proxy trap (or `namespace`). */
export function bindingsOf(namespace) {
  return targets.get(namespace) ?? namespace;
}

/**
 * Replaces the namespace's bindings with `getters` (a Map from export name to getter, with a
 * `signature` naming where each comes from), keeping the names sorted as the spec orders them.
 * Leaves the properties alone when the signature did not change: the getters read the current
 * instance anyway.
 */
export function setNamespaceBindings(namespace, getters) {
  const target = bindingsOf(namespace);
  const installed = bindings.get(namespace);
  bindings.set(namespace, getters);
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
  names.set(target, sorted);
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
