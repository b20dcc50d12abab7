// Node's undocumented CommonJS internals that the CommonJS engine (cjs/) patches and reads;
// @types/node leaves them out. Only for type-checking the runtime (jsconfig.json).
declare namespace NodeJS {
  interface Module {
    _compile(content: string, filename: string, format?: string): unknown;
    load(filename: string): void;
  }
}

declare module "module" {
  namespace Module {
    let _cache: Record<string, NodeJS.Module>;
    function _resolveFilename(request: string, parent: NodeJS.Module | null | undefined, isMain?: boolean, options?: object): string;
    function _nodeModulePaths(from: string): string[];
  }
}
