// V8's code cache for start-up's module bodies, beside the transform cache (transform-cache.js):
// a start-up that finds a body's code cache has V8 deserialize its compiled functions instead of
// parsing and compiling them (the body's generator is compiled lazily on its first step, so
// without it every body is parsed twice: pre-parsed, then compiled). The caches are made when
// the transform cache is saved, after start-up ran, so they hold the functions that ran then.
//
// One file per transform cache file and V8 version (V8 rejects another version's data): a
// header (JSON: per transform key, where its data lies and checksums), then the data. V8 checks
// a cache's version, flags and source length but not its bytes, so a damaged file could crash
// it: each cache's CRC-32 and its body's are checked before V8 sees it (as Node's own compile
// cache does).
import { readFileSync } from "node:fs";
import { crc32 } from "node:zlib";
import { beginCompileBatch } from "./compile.js";

const FORMAT = 1;
const HEADER_SIZE_BYTES = 4;

/**
 * @typedef {{ script: import("node:vm").Script, code: string }} Produced
 * @typedef {{ data: Buffer, dataCrc: number, codeCrc: number }} Stored
 */

/** The code caches of one transform cache file; each use hands the cache of one body. */
export class CodeCache {
  #path;
  /** @type {Map<string, Stored> | null} */
  #stored = null;
  /** @type {Map<string, Produced>} */
  #produced = new Map();
  #dirty = false;

  /** @param {string} path */
  constructor(path) {
    this.#path = path;
  }

  /**
   * What compile.js needs to compile the body `code` of transform key `key`: the stored cache
   * (when its checksums hold) and a callback that hands back the compiled script, whose cache is
   * made on save when none was stored or V8 rejected it.
   */
  forBody(key, code) {
    const stored = this.#load().get(key);
    const valid = stored !== undefined && stored.codeCrc === crc32(code) && stored.dataCrc === crc32(stored.data);
    const data = valid ? stored.data : undefined;
    return {
      data,
      // The last script compiled for the body is the one that runs (compile.js may try two).
      /** @param {import("node:vm").Script} script */
      compiled: (script) => {
        if (data !== undefined && !script.cachedDataRejected) {
          this.#produced.delete(key);
        } else {
          this.#produced.set(key, { script, code });
          this.#dirty = true;
        }
      },
    };
  }

  /**
   * The file's content for the transform keys still in use (`keep`), with new caches for the
   * bodies compiled without one; null when nothing changed.
   * @param {(key: string) => boolean} keep
   */
  serialize(keep) {
    if (!this.#dirty && (this.#stored === null || [...this.#stored.keys()].every(keep))) return null;
    const index = {};
    const parts = [];
    let offset = 0;
    const add = (key, data, dataCrc, codeCrc) => {
      index[key] = [offset, data.length, dataCrc, codeCrc];
      parts.push(data);
      offset += data.length;
    };
    // V8 hashes its flags into a cache; compiles run with the compilation cache off (compile.js),
    // so the caches are made with it off too.
    const batch = beginCompileBatch();
    try {
      for (const [key, { script, code }] of this.#produced) {
        if (!keep(key)) continue;
        const data = script.createCachedData();
        add(key, data, crc32(data), crc32(code));
      }
    } finally {
      batch.end();
    }
    for (const [key, { data, dataCrc, codeCrc }] of this.#load()) {
      if (keep(key) && !this.#produced.has(key)) add(key, data, dataCrc, codeCrc);
    }
    const header = Buffer.from(JSON.stringify({ format: FORMAT, entries: index }));
    const size = Buffer.alloc(HEADER_SIZE_BYTES);
    size.writeUInt32LE(header.length);
    return Buffer.concat([size, header, ...parts]);
  }

  /** @returns {Map<string, Stored>} */
  #load() {
    if (this.#stored !== null) return this.#stored;
    this.#stored = new Map();
    let file;
    try {
      file = readFileSync(this.#path);
    } catch {
      return this.#stored;
    }
    try {
      const headerEnd = HEADER_SIZE_BYTES + file.readUInt32LE(0);
      const header = JSON.parse(file.toString("utf8", HEADER_SIZE_BYTES, headerEnd));
      if (header?.format !== FORMAT || typeof header.entries !== "object" || header.entries === null) return this.#stored;
      for (const [key, entry] of Object.entries(header.entries)) {
        if (!Array.isArray(entry) || entry.length !== 4) continue;
        const [offset, length, dataCrc, codeCrc] = entry;
        const start = headerEnd + offset;
        if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || start + length > file.length) continue;
        // The checksums are checked when a body asks (forBody), not for every entry here.
        this.#stored.set(key, { data: file.subarray(start, start + length), dataCrc, codeCrc });
      }
    } catch {
      // A damaged header costs only the code cache.
    }
    return this.#stored;
  }
}
