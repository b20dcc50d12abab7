// main.js does not list this file in its accept array.
export const c = 3;
