// Nothing imports this file: edits to it do nothing until it is imported.
export const lonely = true;
