// Propagation (SEMANTICS.md section 3): walks from the changed modules towards the entry and
// finds the boundaries, or the shortest chain that ends unaccepted, or the module that declined.

/**
 * Walks the current graph from `changed` (records). `ignoreSelfAccept` holds records whose
 * self-accept does not count (they invalidated themselves). Returns
 * { type: "hot", reevaluate, selfBoundaries, acceptEdges } or
 * { type: "unaccepted" | "declined", chain, declined? }.
 */
export function propagate(changed, ignoreSelfAccept) {
  const reevaluate = new Set(changed);
  const selfBoundaries = new Set();
  const acceptEdges = [];
  const parents = new Map();
  const queue = [];
  for (const record of changed) {
    parents.set(record, null);
    queue.push(record);
  }
  for (let head = 0; head < queue.length; head += 1) {
    const record = queue[head];
    const state = record.current.hotState;
    if (state.declined) return { type: "declined", declined: record, chain: chainTo(record, parents) };
    if (state.selfAccept && !ignoreSelfAccept.has(record)) {
      selfBoundaries.add(record);
      continue;
    }
    // The entry ends the walk even when a cycle gives it importers.
    if (record.isEntry) return { type: "unaccepted", chain: chainTo(record, parents) };
    // Importers in path order, so that of two equally short chains the analyser and the runtime
    // name the same one.
    const importers = [];
    for (const importer of record.importers) if (importer.current !== null) importers.push(importer);
    if (importers.length > 1) importers.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    // A module Node itself imports (no importer the runtime sees) is accepted there when it is a
    // hot-hook boundary: the importer gets the new bindings through its stub (hooks.js).
    if (importers.length === 0 && !record.nodeBoundary) return { type: "unaccepted", chain: chainTo(record, parents) };
    for (const importer of importers) {
      const instance = importer.current;
      if (instance.hotState.acceptsPath(record.path) || instance.dynamicDeps.get(record)?.boundary) {
        acceptEdges.push({ importer, dependency: record });
        continue;
      }
      reevaluate.add(importer);
      if (!parents.has(importer)) {
        parents.set(importer, record);
        queue.push(importer);
      }
    }
  }
  return { type: "hot", reevaluate, selfBoundaries, acceptEdges };
}

function chainTo(record, parents) {
  const chain = [];
  for (let at = record; at; at = parents.get(at)) chain.unshift(at);
  return chain;
}

/** `src/db.ts -> src/app.ts -> src/main.ts (entry)`, paths as `relative` shows them. */
export function describeChain(chain, relative) {
  return chain
    .map((record) => `${relative(record.path)}${record.isEntry ? " (entry)" : ""}`)
    .join(" -> ");
}

/** Distance of every reachable record from the roots, for "importers nearer the entry first". */
export function depthsFromRoots(roots) {
  const depth = new Map();
  const queue = [];
  for (const root of roots) {
    depth.set(root, 0);
    queue.push(root);
  }
  for (let head = 0; head < queue.length; head += 1) {
    const record = queue[head];
    for (const target of dependenciesOf(record)) {
      if (depth.has(target)) continue;
      depth.set(target, depth.get(record) + 1);
      queue.push(target);
    }
  }
  return depth;
}

/** Participating records the current instance of `record` imports, statically or dynamically. */
function dependenciesOf(record) {
  return record.current ? importedRecords(record.current) : [];
}

/** Participating records `instance` imports, statically or dynamically. */
export function importedRecords(instance) {
  const targets = [];
  for (const dep of instance.deps) if (!dep.target.external) targets.push(dep.target);
  for (const target of instance.dynamicDeps.keys()) targets.push(target);
  return targets;
}

/**
 * Where each record stands in the whole graph: its rank in preOrder() and postOrder() and its
 * depth from the roots. Kept on the runtime and computed again only after the graph's edges
 * changed (`runtime.graphVersion`), so that ordering an update's few modules does not walk the
 * whole graph each time.
 */
export function graphOrder(runtime) {
  const cached = runtime.graphOrderCache;
  if (cached && cached.version === runtime.graphVersion) return cached;
  const { pre, post } = depthFirst(runtime.roots);
  const order = {
    version: runtime.graphVersion,
    pre: new Map(pre.map((record, index) => [record, index])),
    post: new Map(post.map((record, index) => [record, index])),
    depthCache: null,
    get depth() {
      this.depthCache ??= depthsFromRoots(runtime.roots);
      return this.depthCache;
    },
  };
  runtime.graphOrderCache = order;
  return order;
}

/** `records` sorted by `rank` (a graphOrder() map); records it lacks come first. */
export function sortByRank(records, rank) {
  return [...records].sort((a, b) => (rank.get(a) ?? -1) - (rank.get(b) ?? -1));
}

/** Records in dependency-first order (post-order DFS from the roots): importers come after. */
export function postOrder(roots) {
  return depthFirst(roots).post;
}

/**
 * Records in the order a depth-first walk from the roots first reaches them. Evaluating new
 * instances in this order (each with its own dependencies first) gives the order the spec's
 * evaluation from the entry would, cycles included.
 */
export function preOrder(roots) {
  return depthFirst(roots).pre;
}

function depthFirst(roots) {
  const pre = [];
  const post = [];
  const seen = new Set();
  const visit = (record) => {
    if (seen.has(record)) return;
    seen.add(record);
    pre.push(record);
    for (const target of dependenciesOf(record)) visit(target);
    post.push(record);
  };
  for (const root of roots) visit(root);
  return { pre, post };
}
