// What a driver's update results add about the graph (PROTOCOL.md, "UpdateResult"): once the
// driver asked for the graph, a `graphVersion` on every result and the whole `graph` on the
// result whose version is new,
// so that an editor learns of new edges and registrations with the result it waits for, in
// the same round trip as the save.

/**
 * A graph without its module versions: two graphs with the same key show the same modules,
 * registrations and edges, which is all a driver's views and verdicts read.
 * @param {ReturnType<import("./runtime.js").Runtime["graph"]>} graph
 */
function shapeKey(graph) {
  // Zeroing the versions for a moment keeps JSON.stringify on its fast path, which a replacer
  // function leaves.
  const versions = graph.modules.map((module) => module.version);
  for (const module of graph.modules) module.version = 0;
  const key = JSON.stringify(graph);
  graph.modules.forEach((module, index) => {
    module.version = versions[index];
  });
  return key;
}

/**
 * Tracks the graph one driver was last sent. The version starts at 1 with the first graph
 * sent and grows by one whenever the shape differs from the last one sent, so a driver that
 * sees a version it already had knows its graph is current. Only a driver that asked for the
 * graph once (an editor) gets versions and graphs: describing the graph costs milliseconds
 * per update at thousands of modules, which `hotswap run`, never reading it, should not pay.
 * @param {import("./runtime.js").Runtime} runtime
 */
export function graphReporter(runtime) {
  let subscribed = false;
  let version = 0;
  /** @type {string | undefined} */
  let lastKey;
  /** Describes the graph; `changed` when its shape differs from the last one sent. */
  const observe = () => {
    const graph = runtime.graph();
    const key = shapeKey(graph);
    const changed = key !== lastKey;
    if (changed) {
      version += 1;
      lastKey = key;
    }
    return { graph, changed };
  };
  return {
    /**
     * The result as the driver gets it: with `graphVersion`, and with `graph` when that is new.
     * Called right before the result is written, so versions reach the driver in order.
     * @template {import("./update-result.js").UpdateResult} T
     * @param {T} result
     * @returns {T & { graphVersion?: number, graph?: ReturnType<import("./runtime.js").Runtime["graph"]> }}
     */
    withGraph(result) {
      if (!subscribed) return result;
      const { graph, changed } = observe();
      return changed ? { ...result, graphVersion: version, graph } : { ...result, graphVersion: version };
    },
    /**
     * The graph for a `graph` request; remembered as sent, so results need not repeat it, and
     * from now on results carry the graph's version.
     */
    graph() {
      subscribed = true;
      return observe().graph;
    },
  };
}
