// Imports used only as types are erased by TypeScript and by oxc-transform.
import { Row } from "./types.js";
import Def, { used } from "./u.js";
import * as NS from "./ns.js";
import "./side.js";
import { A, B } from "./ab.js";
export { Re } from "./re.js";
import { Only } from "./onlytype.js";
import { Shorthand } from "./short.js";
import { Checked } from "./typeof.js";
import { Base, Shape } from "./classes.js";
import { Cast } from "./cast.js";
import { Generic } from "./generic.js";
import { type Mixed, Value } from "./mixed.js";

const x: Row = { id: 1 };
used(x);
let y: NS.Foo | undefined;
let z = A;
type Q = Only;
export { Only };
const o = { Shorthand };
type C = typeof Checked;
class Impl extends Base implements Shape {}
const c = o as unknown as Cast;
const g = new Map<string, Generic>();
const m: Mixed = Value;
console.log(y, z, c, g, m, Impl);
