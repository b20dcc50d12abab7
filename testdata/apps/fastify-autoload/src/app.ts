import { join } from "node:path";
import autoload from "@fastify/autoload";
import type { FastifyInstance } from "fastify";

export async function app(fastify: FastifyInstance): Promise<void> {
  await fastify.register(autoload, { dir: join(import.meta.dirname, "routes") });
}
