// hotHook.boundaries in package.json is a string, not a list: the analysis ignores it and warns.
setInterval(() => {}, 1 << 30);
