// Loads its plugin with a computed specifier, which the static analysis cannot follow: only
// the running app's graph knows that main.ts loads plugin.ts and accepts none of its updates,
// so an edit to plugin.ts restarts the app.
const name = "plugin";
const plugin = await import(`./${name}.ts`);
console.log(`plugin says ${plugin.greeting}`);

// Keep running until stopped.
const timer = setInterval(() => {}, 1 << 30);
import.meta.hot?.dispose(() => clearInterval(timer));
