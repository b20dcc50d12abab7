// A project with no entry: nothing names one and no file has a conventional name.
export const util = 1;
