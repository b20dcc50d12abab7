// Imports a file that does not exist.
import { nothing } from "./nope.ts";

export const broken = nothing;
