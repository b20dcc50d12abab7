import { EventEmitter } from "node:events";

export const bus = new EventEmitter();
