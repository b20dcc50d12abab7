// Loaded by @fastify/autoload (an import() no app file names). The route stays registered; an
// edit to greeting.ts is accepted here and the handler reads the new function.
import type { FastifyPluginAsync } from "fastify";
import { greeting } from "../lib/greeting.ts";

let visits = 0;

const root: FastifyPluginAsync = async (fastify) => {
  fastify.get("/", async (_request, reply) => {
    visits += 1;
    reply.type("text/plain");
    return `${greeting()} #${visits}`;
  });
};

export default root;

import.meta.hot?.accept("../lib/greeting.ts");
