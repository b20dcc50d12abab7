// Only imported with `import type`, which is erased: no module imports this one at run time.
export interface Row {
  id: number;
}
