export const name = "settings";
