export function greeting(): string {
  return "nest v0";
}
