// Only import.meta makes this an ES module.
globalThis.here = import.meta.url;
