import type { FC } from "hono/jsx";

export const Page: FC<{ visits: number }> = (props) => <p>hono v0 #{props.visits}</p>;
