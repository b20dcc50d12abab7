// Where JSON.parse failed, as a 1-based line and column. V8 gives a position for some errors
// ("... at position 8 (line 1 column 9)") but not for an unexpected token, so the offending
// character is then found as the shortest prefix that fails before its end.
import { locationFromIndex } from "./source-location.js";

/** The 1-based { line, column } at which JSON.parse(source) threw `error`. */
export function jsonErrorLocation(source, error) {
  const position = /at position (\d+)/.exec(String(error?.message));
  if (position) return locationFromIndex(source, Number(position[1]));
  const failsInside = (length) => {
    try {
      JSON.parse(source.slice(0, length));
      return false;
    } catch (prefixError) {
      // A prefix that ends early fails at its end: "Unexpected end", or a position equal to it.
      if (/Unexpected end of JSON input/.test(prefixError.message)) return false;
      const at = /at position (\d+)/.exec(prefixError.message);
      return !at || Number(at[1]) < length;
    }
  };
  if (!failsInside(source.length)) return locationFromIndex(source, source.length);
  // Prefixes before the offending character end early (or parse); from it on they fail there.
  let low = 0;
  let high = source.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (failsInside(middle)) high = middle;
    else low = middle + 1;
  }
  return locationFromIndex(source, Math.max(low - 1, 0));
}
