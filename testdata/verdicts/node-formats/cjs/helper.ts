const message: string = "cjs/helper.ts is CommonJS by its package.json";
module.exports = message;
