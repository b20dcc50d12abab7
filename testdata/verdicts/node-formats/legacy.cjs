module.exports = "legacy.cjs is CommonJS by its extension";
