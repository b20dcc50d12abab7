exports.config = require("./declining.cjs");
