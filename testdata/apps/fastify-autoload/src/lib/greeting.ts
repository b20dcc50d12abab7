export function greeting(): string {
  return "fastify v0";
}
