// Converts oxc's UTF-8 byte offsets into 1-based line and column numbers of the source text.

/** Returns the 1-based line and column of a UTF-8 byte offset into `source`. */
export function locationFromOffset(source, byteOffset) {
  const bytes = Buffer.from(source, "utf8");
  const before = bytes.subarray(0, Math.min(byteOffset, bytes.length)).toString("utf8");
  const lastNewline = before.lastIndexOf("\n");
  const line = before.split("\n").length;
  return { line, column: before.length - lastNewline };
}

/** Returns the 1-based line and column of a character index into `source`. */
export function locationFromIndex(source, index) {
  const before = source.slice(0, index);
  return { line: before.split("\n").length, column: index - before.lastIndexOf("\n") };
}

/** Finds where `specifier` is written as a string in `source` (1-based), or line 1 column 1. */
export function locationOfSpecifier(source, specifier) {
  for (const quote of ['"', "'", "`"]) {
    const index = source.indexOf(quote + specifier + quote);
    if (index >= 0) return locationFromIndex(source, index);
  }
  return { line: 1, column: 1 };
}
