export function format(user) {
  return `${user.id}:${user.name}`;
}
