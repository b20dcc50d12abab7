export const greeting = () => "koa v0";
