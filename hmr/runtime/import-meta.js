// The `import.meta` object of a hot module instance: what Node gives a module (url, filename,
// dirname, main, resolve) plus `hot` and its dynohot alias `dynoHot`.
import { dirname } from "node:path";
import { pathToFileURL } from "node:url";

/** Creates `import.meta` for an instance of `record`. */
export function createImportMeta(record, hot, resolver) {
  // As Node's, the object has no prototype (so `${import.meta}` is a TypeError).
  return Object.assign(Object.create(null), {
    url: record.url,
    filename: record.path,
    dirname: dirname(record.path),
    main: record.isEntry,
    resolve(specifier) {
      const resolution = resolver.resolve(specifier, record.path);
      return resolution.external ?? pathToFileURL(resolution.path).href;
    },
    hot,
    dynoHot: hot,
  });
}
