export function find(id) {
  return { id };
}
