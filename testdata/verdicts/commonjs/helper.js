// No "type" and no ES module syntax: CommonJS by Node's syntax detection.
exports.word = () => "one";
