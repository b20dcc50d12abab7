const { word } = require("./helper");
exports.handle = () => word();
