exports.helper = () => "cjs/helper.js is CommonJS by its package.json";
