exports.greeting = function greeting() {
  return "express-cjs-hot v0";
};
