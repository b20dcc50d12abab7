// Only a top-level await makes this an ES module.
globalThis.config = await Promise.resolve({ ready: true });
