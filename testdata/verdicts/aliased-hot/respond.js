export function respond(req) {
  return `hello from ${req.url}`;
}
