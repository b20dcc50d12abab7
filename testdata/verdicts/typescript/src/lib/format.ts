export function format(count: number): string {
  return `${count} rows`;
}
