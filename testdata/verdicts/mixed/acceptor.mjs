import data from "./data.cjs";
import.meta.hot.accept("./data.cjs", (namespace) => namespace.default);
export const size = data.items.length;
