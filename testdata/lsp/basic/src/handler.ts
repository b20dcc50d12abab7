// Accepts itself, but its timer is never cleared: each reload adds another.
import { helper } from /*@hover*/"./util.ts";

export function handle() {
  return helper();
}

setInterval(() => {}, 1000);

import.meta.hot?.accept();
