// Options come from the query of the register module's URL:
// `--import "hotswap/register?ignore=<regexp>&silent"`.

/** Parses the register URL's query into { ignore: RegExp | null, silent: boolean }. */
export function parseOptions(registerUrl) {
  const query = new URL(registerUrl).searchParams;
  let ignore = null;
  const pattern = query.get("ignore");
  if (pattern !== null && pattern !== "") {
    try {
      ignore = new RegExp(pattern);
    } catch (error) {
      throw new TypeError(`hotswap/register: ignore is not a valid regular expression: ${error.message}`);
    }
  }
  const silentValue = query.get("silent");
  const silent = silentValue !== null && silentValue !== "false" && silentValue !== "0";
  return { ignore, silent };
}
