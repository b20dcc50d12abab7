// Edit this text while the example runs: the next request shows it, nothing restarts.
export function greeting() {
  return "Hello from Hotswap!";
}
