export function util(x) {
  return x;
}
