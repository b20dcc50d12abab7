// Entry of the fixture for `rs` in hotswap run: it echoes each line of its stdin as
// "stdin <pid>: <line>", says when its stdin ended, and exits with code 1 on the line "crash"
// so that a test can restart a crashed app by hand. A timer keeps it alive after EOF; the
// runtime ends the process once a restart's dispose handlers ran.
import { createInterface } from "node:readline";

console.log(`started pid ${process.pid}`);
const lines = createInterface({ input: process.stdin });
lines.on("line", (line) => {
  console.log(`stdin ${process.pid}: ${line}`);
  if (line === "crash") process.exit(1);
});
lines.on("close", () => console.log(`stdin ${process.pid} ended`));
setInterval(() => {}, 60_000);
