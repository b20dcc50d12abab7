import { defaults } from "./settings.js";

export const config = { ...defaults };

// The config is read once at start-up: a change must restart the app.
import.meta.hot?.decline();
