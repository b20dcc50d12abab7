// Types of `hotswap/node-hmr`, @upvotr/node-hmr's API.
import { EventEmitter } from "node:events";

export type PersistentValues = Record<string, any>;

export declare class PersistManager<P extends PersistentValues = PersistentValues> {
  constructor(generate?: () => P | Promise<P>, cleanup?: (values: P) => void | Promise<void>);
  generate(): P | Promise<P>;
  cleanup(values: P): void | Promise<void>;
}

export declare class Runner<P extends PersistentValues = PersistentValues, E = any> {
  constructor(run: (persistentValues: P, emitUpdate: () => void) => E, cleanup?: (persistentValues: P, exports: E) => void);
  run(persistentValues: P, emitUpdate: () => void): E;
  cleanup(persistentValues: P, exports: E): void | Promise<void>;
}

export declare class AsyncRunner<P extends PersistentValues = PersistentValues, E = any> extends Runner<P, any> {
  constructor(
    run: (persistentValues: P, emitUpdate: () => void) => Promise<E>,
    cleanup?: (persistentValues: P, exports: E) => void | Promise<void>,
  );
}

/** What an HMR-enabled module exports. */
export interface HMRModule<P extends PersistentValues = PersistentValues, E = any> {
  updatePersistientValues: boolean;
  persist: PersistManager<P> | null;
  runner: Runner<P, E> | AsyncRunner<P, E>;
}
export type HotModule<P extends PersistentValues, E> = HMRModule<P, E>;

/** The exports type of an HMR module (`typeof import("./m")`). */
export type ExportType<M> = M extends HMRModule<any, infer E> ? E : M extends { default: HMRModule<any, infer D> } ? D : M;

export declare abstract class Watcher extends EventEmitter {
  abstract watch(id: string): () => void;
}
export declare class FSWatcher extends Watcher {
  constructor(require: NodeJS.Require);
  watch(id: string): () => void;
}
export declare class NoopWatcher extends Watcher {
  constructor(require?: NodeJS.Require);
  watch(id: string): () => void;
}

export declare class HMRRuntime extends EventEmitter {
  constructor(watcher: Watcher | false, require: NodeJS.Require);
  static setLogging(log: boolean): void;
  static suppressWarnings(suppress: boolean): void;
  static disableReloading(): void;
  import<M = any>(id: string): Promise<{ exports: ExportType<M> | undefined }>;
  unimport(id: string): void;
  closeAll(): void;
  on(event: "update", listener: (id: string) => void): this;
}

export declare function createModule<P extends PersistentValues, E>(
  persist: PersistManager<P> | null,
  runner: Runner<P, E> | AsyncRunner<P, E>,
  forceUpdate?: boolean,
): HMRModule<P, E>;
export declare function createModule<E>(runner: Runner<{}, E> | AsyncRunner<{}, E>): HMRModule<{}, E>;
export declare const hmr: typeof createModule;
export declare function createPersist<P extends PersistentValues>(
  generate?: () => P | Promise<P>,
  cleanup?: (values: P) => void | Promise<void>,
): PersistManager<P>;
export declare function createRunner<P extends PersistentValues, E, A extends boolean = false>(
  run: (persistentValues: P, emitUpdate: () => void) => A extends true ? Promise<E> : E,
  cleanup?: (persistentValues: P, exports: E) => A extends true ? void | Promise<void> : void,
  isAsync?: A,
): A extends true ? AsyncRunner<P, E> : Runner<P, E>;
export declare function createRuntime(require: NodeJS.Require, watcher?: false | Watcher): HMRRuntime;
export declare function createSyntheticRequire(
  require: (id: string) => any,
  realRequire: NodeJS.Require,
  cache?: any,
  resolve?: NodeJS.RequireResolve,
): NodeJS.Require;
export declare const synthetic: typeof createSyntheticRequire;
