// ES modules and CommonJS in one graph: an update crosses from CommonJS to its ES importers.
import { shown } from "./view.mjs";
import "./acceptor.mjs";

import.meta.hot.accept("./view.mjs");
setInterval(() => shown, 1 << 30); // keeps the process alive while tests edit files
