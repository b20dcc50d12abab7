// No entry imports this file.
export const widgets = [];
