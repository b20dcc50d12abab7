import Fastify from "fastify";
import { app } from "./app.ts";

const fastify = Fastify();
await fastify.register(app);
await fastify.listen({ port: 0, host: "127.0.0.1" });
const address = fastify.server.address();
console.log(`fastify: listening on http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`);
