export function describeUsers(): string {
  return 'service v1'
}
