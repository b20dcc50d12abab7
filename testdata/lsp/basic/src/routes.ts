/* 🔥 wide characters before the import */ import { broken } from /*@hover*/"./broken.ts";

export const routes = { "/": broken };
