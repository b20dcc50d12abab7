const typed: string = "typed.ts is an ES module: it exports";
export default typed;
