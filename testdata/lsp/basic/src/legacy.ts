// Declines updates: any edit here restarts the app.
export const legacy = 1;

import.meta.hot?.decline();
