// What an app's `import(specifier, options)` asks for, checked as the spec's EvaluateImportCall
// and Node check it: the specifier goes through ToString, the options must be an object whose
// `with` is an object of string values, and Node supports only the `type` attribute. Every
// failure is thrown here and becomes the rejection of the import() promise.

/** The runtime's own attribute: `import.meta.hot.boundary()` imports with `{ hot: "boundary" }`. */
const RUNTIME_ATTRIBUTES = new Set(["hot"]);

function isObject(value) {
  return (typeof value === "object" && value !== null) || typeof value === "function";
}

// Node's own errors carry their code, also at the head of their stack: `TypeError [CODE]: …`.
function withCode(error, code) {
  error.code = code;
  const stack = error.stack ?? "";
  const frames = stack.indexOf("\n    at ");
  error.stack = `${error.name} [${code}]: ${error.message}${frames < 0 ? "" : stack.slice(frames)}`;
  return error;
}

/**
 * The specifier as a string and the import attributes (a null-prototype object) of an
 * `import()` call. Throws the TypeError Node would reject with.
 */
export function importRequest(specifier, options) {
  const specifierString = `${specifier}`;
  const attributes = Object.create(null);
  if (options === undefined) return { specifier: specifierString, attributes };
  if (!isObject(options)) throw new TypeError("The second argument to import() must be an object");
  const given = options.with;
  if (given === undefined) return { specifier: specifierString, attributes };
  if (!isObject(given)) throw new TypeError("The 'with' option must be an object");
  for (const key of Object.keys(given)) {
    const value = given[key];
    if (typeof value !== "string") throw new TypeError("Import attribute value must be a string");
    attributes[key] = value;
  }
  return { specifier: specifierString, attributes };
}

/**
 * Checks `attributes` against the format of the module found (`"json"` or `"module"`) as Node
 * does, naming `url` in the error.
 */
export function checkAttributes(attributes, format, url) {
  for (const [key, value] of Object.entries(attributes)) {
    if (RUNTIME_ATTRIBUTES.has(key)) continue;
    if (key !== "type" || value !== "json") {
      throw withCode(
        new TypeError(`Import attribute "${key}" with value "${value}" is not supported in ${url}`),
        "ERR_IMPORT_ATTRIBUTE_UNSUPPORTED",
      );
    }
  }
  if (format === "json" && attributes.type !== "json") {
    throw withCode(new TypeError(`Module "${url}" needs an import attribute of "type: json"`), "ERR_IMPORT_ATTRIBUTE_MISSING");
  }
  if (format !== "json" && attributes.type === "json") {
    throw withCode(new TypeError(`Module "${url}" is not of type "json"`), "ERR_IMPORT_ATTRIBUTE_TYPE_INCOMPATIBLE");
  }
}
