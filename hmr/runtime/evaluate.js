// Instantiation (first generator step: export getters, hoisted functions, imports bound) and the
// spec's cyclic module evaluation with top-level await (InnerModuleEvaluation and friends) over
// our instances.
import { DEFAULT_FUNCTION_NAME } from "./module-edits.js";
import { ignoreRejection, promiseResolve, promiseThen, promiseWithResolvers } from "./primordials.js";

/**
 * Runs the first step of `instance`'s body: its exports object gets its getters, function
 * declarations are hoisted and imports are bound to live namespaces. No user code runs.
 */
export function instantiate(instance, importNamespace, dynamicImport, importMeta, exportWritten) {
  if (instance.record.format === "json") {
    const value = instance.compiled.value;
    Object.defineProperty(instance.exports, "default", { enumerable: true, get: () => value });
    instance.status = "linked";
    return;
  }
  // Called as a plain function so stack frames read like a module's top level, not `Object.run`.
  const bind = instance.compiled.run;
  const body = bind(instance.exports, importNamespace, dynamicImport, noStarExport, importMeta, exportWritten);
  instance.generator = body();
  const step = instance.generator.next();
  // An async generator reports its first step through a promise; the step itself already ran.
  if (step && typeof step.then === "function") ignoreRejection(step);
  instance.status = "linked";
  if (instance.compiled.hoistedDefault) nameDefaultExport(instance);
}

// `export default function () {}` makes a function named "default"; the name module-edits.js
// gave it to hoist it would otherwise stay. (Other anonymous defaults are named as they are
// defined: module-edits.js.)
function nameDefaultExport(instance) {
  if (!instance.compiled.anonymousDefault) return;
  const value = instance.exports.default;
  if (typeof value === "function" && value.name === DEFAULT_FUNCTION_NAME) {
    Object.defineProperty(value, "name", { value: "default", configurable: true });
  }
}

function noStarExport() {
  // Star exports are resolved at link time (link.js), so there is nothing to copy here.
}

let asyncEvaluationCounter = 1;

/**
 * Evaluates `instance` and the linked instances it needs, in spec order. Returns a promise that
 * settles when the whole graph, including top-level awaits, has finished. With
 * `concurrentCycles` (hot updates), members of one cycle do not wait for each other's
 * top-level awaits.
 */
export function evaluate(instance, { concurrentCycles = false } = {}) {
  let root = instance;
  if (root.status === "evaluating-async" || root.status === "evaluated") root = root.cycleRoot;
  if (root.topLevelCapability) return root.topLevelCapability.promise;
  const capability = promiseWithResolvers();
  ignoreRejection(capability.promise);
  root.topLevelCapability = capability;
  const stack = [];
  try {
    innerModuleEvaluation(root, stack, 0, concurrentCycles);
  } catch (error) {
    for (const module of stack) {
      module.status = "evaluated";
      module.evaluationError = error;
    }
    capability.reject(error);
    return capability.promise;
  }
  if (!root.asyncEvaluation) {
    if (root.evaluationError !== undefined) capability.reject(root.evaluationError);
    else capability.resolve();
  }
  return capability.promise;
}

function innerModuleEvaluation(module, stack, index, concurrentCycles) {
  if (module.status === "evaluating-async" || module.status === "evaluated") {
    if (module.evaluationError !== undefined) throw module.evaluationError;
    return index;
  }
  if (module.status === "evaluating") return index;
  module.status = "evaluating";
  module.dfsIndex = index;
  module.dfsAncestorIndex = index;
  module.pendingAsyncDependencies = 0;
  index += 1;
  stack.push(module);
  for (let required of module.requiredInstances()) {
    index = innerModuleEvaluation(required, stack, index, concurrentCycles);
    // In a hot update a member of the same cycle (still on the stack) is not waited for: two
    // members that both await at top level both start (dynohot's rule; the spec, which
    // start-up follows, deadlocks when one awaits what the other provides).
    let sameCycle = false;
    if (required.status === "evaluating") {
      module.dfsAncestorIndex = Math.min(module.dfsAncestorIndex, required.dfsAncestorIndex);
      sameCycle = concurrentCycles;
    } else {
      required = required.cycleRoot;
      if (required.evaluationError !== undefined) throw required.evaluationError;
    }
    if (required.asyncEvaluation && !sameCycle) {
      module.pendingAsyncDependencies += 1;
      required.asyncParentModules.push(module);
    }
  }
  if (module.pendingAsyncDependencies > 0 || module.hasTopLevelAwait) {
    module.asyncEvaluation = true;
    module.asyncEvaluationOrder = asyncEvaluationCounter++;
    if (module.pendingAsyncDependencies === 0) executeAsyncModule(module);
  } else {
    executeModule(module);
  }
  if (module.dfsAncestorIndex === module.dfsIndex) {
    let done;
    do {
      done = stack.pop();
      done.status = done.asyncEvaluation ? "evaluating-async" : "evaluated";
      done.cycleRoot = module;
    } while (done !== module);
  }
  return index;
}

function executeModule(module) {
  if (module.generator) module.generator.next();
}

function executeAsyncModule(module) {
  const step = module.generator ? module.generator.next() : undefined;
  promiseThen(
    promiseResolve(step),
    () => asyncModuleExecutionFulfilled(module),
    (error) => asyncModuleExecutionRejected(module, error),
  );
}

function asyncModuleExecutionFulfilled(module) {
  if (module.status === "evaluated") return;
  module.asyncEvaluation = false;
  module.status = "evaluated";
  module.topLevelCapability?.resolve();
  const ready = [];
  gatherAvailableAncestors(module, ready);
  ready.sort((a, b) => a.asyncEvaluationOrder - b.asyncEvaluationOrder);
  for (const parent of ready) {
    if (parent.status === "evaluated") continue;
    if (parent.hasTopLevelAwait) {
      executeAsyncModule(parent);
      continue;
    }
    try {
      executeModule(parent);
    } catch (error) {
      asyncModuleExecutionRejected(parent, error);
      continue;
    }
    parent.asyncEvaluation = false;
    parent.status = "evaluated";
    parent.topLevelCapability?.resolve();
  }
}

function gatherAvailableAncestors(module, ready) {
  for (const parent of module.asyncParentModules) {
    if (ready.includes(parent) || parent.cycleRoot.evaluationError !== undefined) continue;
    parent.pendingAsyncDependencies -= 1;
    if (parent.pendingAsyncDependencies === 0) {
      ready.push(parent);
      if (!parent.hasTopLevelAwait) gatherAvailableAncestors(parent, ready);
    }
  }
}

function asyncModuleExecutionRejected(module, error) {
  if (module.status === "evaluated") return;
  module.evaluationError = error;
  module.status = "evaluated";
  // The module's own promise is rejected before its importers' (the spec's order), so of two
  // import()s that fail by one top-level await, the inner one settles first.
  module.topLevelCapability?.reject(error);
  for (const parent of module.asyncParentModules) asyncModuleExecutionRejected(parent, error);
}
