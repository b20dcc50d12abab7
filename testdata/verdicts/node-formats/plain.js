module.exports = { plain: "plain.js is CommonJS: no import or export" };
