// What a driver's update results add about the graph (PROTOCOL.md, "UpdateResult"): once the
// driver asked for the graph, a `graphVersion` on every result and the whole `graph` on the
// result whose version is new,
// so that an editor learns of new edges and registrations with the result it waits for, in
// the same round trip as the save.
import { describeModule, graphEntry, moduleInputs } from "./graph.js";

/**
 * Describes the graph again after each update, rebuilding only the modules whose inputs
 * (graph.js, moduleInputs) changed since the last call: a save that updates a few of thousands
 * of modules describes those few. `changed` says whether the shape (all but versions) differs
 * from the last call's.
 * @param {import("./runtime.js").Runtime} runtime
 */
function incrementalGraph(runtime) {
  /** @type {Map<import("./module-record.js").ModuleRecord, { inputs: unknown[], description: any, key: string, seen: number }>} */
  const described = new Map();
  /** @type {import("./module-record.js").ModuleRecord[]} */
  let order = [];
  let entry;
  let commonjsKey;
  let call = 0;
  /** @type {unknown[]} */
  const inputs = [];
  return () => {
    call += 1;
    const nextOrder = [];
    const modules = [];
    let changed = false;
    for (const record of runtime.records.values()) {
      if (!record.current) continue;
      moduleInputs(runtime, record, inputs);
      let known = described.get(record);
      if (known === undefined || !sameValues(known.inputs, inputs)) {
        const description = describeModule(runtime, record);
        const key = shapeKey(description);
        changed ||= known?.key !== key;
        known = { inputs: inputs.slice(), description, key, seen: call };
        described.set(record, known);
      }
      known.seen = call;
      known.description.version = record.version;
      changed ||= order[nextOrder.length] !== record;
      nextOrder.push(record);
      modules.push(known.description);
    }
    changed ||= order.length !== nextOrder.length;
    order = nextOrder;
    if (described.size !== nextOrder.length) {
      for (const [record, known] of described) if (known.seen !== call) described.delete(record);
    }
    // CommonJS modules are described whole: an app has few, and their engine keeps no instances.
    const commonjs = runtime.cjs?.describeModules() ?? [];
    const nextCommonjsKey = JSON.stringify(commonjs.map((module) => ({ ...module, version: 0 })));
    const nextEntry = graphEntry(runtime);
    changed ||= nextCommonjsKey !== commonjsKey || nextEntry !== entry;
    commonjsKey = nextCommonjsKey;
    entry = nextEntry;
    modules.push(...commonjs);
    return { graph: { entry: nextEntry, modules }, changed };
  };
}

function sameValues(a, b) {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index += 1) if (a[index] !== b[index]) return false;
  return true;
}

// A module's description without its version.
function shapeKey(description) {
  const version = description.version;
  description.version = 0;
  const key = JSON.stringify(description);
  description.version = version;
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
  const describe = incrementalGraph(runtime);
  /** Describes the graph; `changed` when its shape differs from the last one sent. */
  const observe = () => {
    const { graph, changed } = describe();
    if (changed) version += 1;
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
