// Edited by the tests; markers in this file steer the fake runtime.
export const value = 1;
