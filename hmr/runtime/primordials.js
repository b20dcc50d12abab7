// The Promise intrinsics the runtime uses, taken when it starts: an app may replace the global
// `Promise` or its methods (test262's dynamic-import/returns-promise does), and loading a module,
// updating or shutting down must not call the app's versions. `await` and async functions use
// the intrinsics by themselves; everything else goes through these.
const OriginalPromise = Promise;
const { resolve, withResolvers } = Promise;
const { then } = Promise.prototype;
const { apply } = Reflect;

export { OriginalPromise as SafePromise };

/** `Promise.withResolvers()` of the original Promise. @template T @returns {PromiseWithResolvers<T>} */
export function promiseWithResolvers() {
  return /** @type {PromiseWithResolvers<T>} */ (apply(withResolvers, OriginalPromise, []));
}

/** `Promise.resolve(value)` of the original Promise. @template T @param {T} value @returns {Promise<Awaited<T>>} */
export function promiseResolve(value) {
  return /** @type {Promise<Awaited<T>>} */ (apply(resolve, OriginalPromise, [value]));
}

/** `promise.then(onFulfilled, onRejected)` with the original `then`. */
export function promiseThen(promise, onFulfilled, onRejected) {
  return apply(then, promise, [onFulfilled, onRejected]);
}

/** Marks `promise`'s rejection as handled (someone awaits it later, or nobody needs it). */
export function ignoreRejection(promise) {
  apply(then, promise, [undefined, ignore]);
}

function ignore() {}

/**
 * `Promise.all(values)` for an array, which Promise.all itself would settle through the current
 * `Promise.resolve` and `then`.
 * @template T @param {(T | PromiseLike<T>)[]} promises @returns {Promise<T[]>}
 */
export function promiseAll(promises) {
  const { promise, resolve: fulfil, reject } = promiseWithResolvers();
  const values = new Array(promises.length);
  let left = promises.length;
  if (left === 0) fulfil(values);
  promises.forEach((each, index) => {
    promiseThen(
      promiseResolve(each),
      (value) => {
        values[index] = value;
        if (--left === 0) fulfil(values);
      },
      reject,
    );
  });
  return promise;
}

/** `Promise.race(values)` for an array. @template T @param {(T | PromiseLike<T>)[]} promises @returns {Promise<T>} */
export function promiseRace(promises) {
  const { promise, resolve: fulfil, reject } = promiseWithResolvers();
  for (const each of promises) promiseThen(promiseResolve(each), fulfil, reject);
  return promise;
}
