// Evaluated again when lib.cjs changes: it imports the CommonJS module's named export.
import { n } from "./lib.cjs";
export const shown = n;
