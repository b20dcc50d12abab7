package driver

import (
	"net/url"
	"runtime"
	"strings"
)

// fileURL turns the runtime's absolute path into the file: URL node's --import takes. A
// Windows path (C:\x\register.js) becomes file:///C:/x/register.js: slashes, and one more
// before the drive letter, without which "C:" would read as the URL's host.
func fileURL(path, query string) string {
	return fileURLFor(path, query, runtime.GOOS == "windows")
}

func fileURLFor(path, query string, windows bool) string {
	if windows {
		path = strings.ReplaceAll(path, `\`, "/")
		if !strings.HasPrefix(path, "/") {
			path = "/" + path
		}
	}
	return (&url.URL{Scheme: "file", Path: path, RawQuery: query}).String()
}
