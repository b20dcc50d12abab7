import * as api from "./api.js";
import * as types from "./types.js";
import { Enum } from "./enum.js";
import { unusedEntirely } from "./unused.js";
import defaultThing from "./default.js";

export function call(input: types.Input): api.Result {
  return api.run(input, Enum.First);
}

export default defaultThing;
