export const mod: string = "mod/lib.ts is an ES module by its package.json";
