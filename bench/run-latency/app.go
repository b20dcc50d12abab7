package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// writeApp generates an HTTP server that imports modules modules. The server replies with
// the marker exported by the hot module; editing that module is the measured change.
// Returns the entry and the hot module's path.
// With accept false the hot module accepts nothing, so every edit restarts the app.
func writeApp(dir string, modules int, accept bool) (entry, hot string, err error) {
	if err := os.MkdirAll(filepath.Join(dir, "src"), 0o755); err != nil {
		return "", "", err
	}
	write := func(name, text string) {
		if err == nil {
			err = os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644)
		}
	}
	write("package.json", `{ "name": "run-latency-app", "private": true, "type": "module" }`+"\n")
	var imports, calls strings.Builder
	for i := range modules {
		fmt.Fprintf(&imports, "import { value%d } from \"./src/m%d.js\";\n", i, i)
		fmt.Fprintf(&calls, "  sum += value%d();\n", i)
		// Each module does a little work at load, like real code defining things.
		write(fmt.Sprintf("src/m%d.js", i), fmt.Sprintf(
			"const table = Array.from({ length: 16 }, (_, i) => i * %d);\nexport function value%d() {\n  return table[%d %% 16];\n}\n", i, i, i))
	}
	write("src/hot.js", hotSource("v0", accept))
	write("main.js", `import { createServer } from "node:http";
`+imports.String()+`import { marker } from "./src/hot.js";

function sum() {
  let sum = 0;
`+calls.String()+`  return sum;
}

const server = createServer((request, response) => response.end(marker + " " + sum() + "\n"));
server.keepAliveTimeout = 200;
server.listen(Number(process.env.PORT), "127.0.0.1");
import.meta.hot?.dispose(() => new Promise((resolve) => {
  server.closeAllConnections();
  server.close(resolve);
}));
`)
	return filepath.Join(dir, "main.js"), filepath.Join(dir, "src", "hot.js"), err
}

// hotSource is the edited module. When it accepts itself, under hotswap an edit
// re-evaluates it alone while main.js reads the new marker through its live binding.
func hotSource(marker string, accept bool) string {
	if !accept {
		return fmt.Sprintf("export const marker = %q;\n", marker)
	}
	return fmt.Sprintf("export const marker = %q;\nimport.meta.hot?.accept();\n", marker)
}
