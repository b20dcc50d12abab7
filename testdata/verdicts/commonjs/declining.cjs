module.hot.decline();
module.exports = { mode: "fixed" };
