import data from "./data.json" with { type: "json" };

export function describe() {
  return data.items.length;
}
