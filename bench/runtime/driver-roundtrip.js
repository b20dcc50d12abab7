// Driver round trip per save (issue 12): an app of N modules in a chain under a self-accepting
// leaf, driven over the control socket as hotswap run drives it (update requests only) and as
// the editor does (one graph request after ready, which makes every result carry the graph's
// version, and the graph when its shape changed). It also times the graph request the editor
// sent after every save before update results carried the graph. Medians of 30 edits.
//   PATH="$(dirname "$(scripts/node.sh lts)"):$PATH" node bench/runtime/driver-roundtrip.js
// SIZES (e.g. "1000") shortens a run.
import { createDriver } from "../../hmr/runtime/test/driver.js";
import { startApp } from "../../hmr/runtime/test/harness.js";

const EDITS = 30;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Times EDITS updates of the leaf; `editor` asks for the graph once first. */
async function measure(size, editor) {
  const files = { "main.js": `${Array.from({ length: size }, (_, i) => `import "./m${i}.js";`).join("\n")}\nsetInterval(() => {}, 1000);\n` };
  for (let i = 0; i < size; i++) files[`m${i}.js`] = i === 0 ? "export const v = 0;\nimport.meta.hot.accept();\n" : `import "./m${i - 1}.js";\nexport const v = ${i};\n`;
  const driver = await createDriver();
  const app = startApp(files, { env: { HOTSWAP_SOCKET: driver.socketPath } });
  try {
    await driver.connected;
    await driver.notification("ready");
    if (editor) await driver.request("graph", {});
    const updates = [];
    const graphs = [];
    for (let edit = 1; edit <= EDITS; edit++) {
      app.write("m0.js", `export const v = ${edit};\nimport.meta.hot.accept();\n`);
      let began = performance.now();
      const response = await driver.request("update", { paths: [app.path("m0.js")] });
      updates.push(performance.now() - began);
      if (response.result?.type !== "success") throw new Error(JSON.stringify(response));
      if (editor) {
        began = performance.now();
        await driver.request("graph", {});
        graphs.push(performance.now() - began);
      }
    }
    return { update: median(updates), graph: editor ? median(graphs) : undefined };
  } finally {
    await app.stop();
    driver.close();
  }
}

const sizes = (process.env.SIZES ?? "1000,5000").split(",").map(Number);
console.log("| modules | hotswap run: update | editor now: update (one round trip) | editor before: update + graph request |");
console.log("|---|---|---|---|");
for (const size of sizes) {
  const run = await measure(size, false);
  const editor = await measure(size, true);
  const ms = (value) => `${value.toFixed(2)} ms`;
  // Before, an update did not describe the graph (as hotswap run's still does not), and a
  // graph request followed it.
  console.log(`| ${size} | ${ms(run.update)} | ${ms(editor.update)} | ${ms(run.update)} + ${ms(editor.graph)} |`);
}
