exports.greeting = function greeting() {
  return "express-cjs v0";
};
