import { shared } from "./shared.js";

export const mid = `mid ${shared}`;
