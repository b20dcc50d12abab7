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
      let resolution;
      try {
        resolution = resolver.resolve(specifier, record.path);
      } catch (error) {
        // As Node's: a file or directory that is not there still has a URL to give.
        if ((error?.code === "ERR_MODULE_NOT_FOUND" || error?.code === "ERR_UNSUPPORTED_DIR_IMPORT") && error.url) return error.url;
        throw error;
      }
      return resolution.external ?? pathToFileURL(resolution.path).href;
    },
    hot,
    dynoHot: hot,
  });
}
