package driver

import (
	"net/url"
	"runtime"
	"strings"
)

// fileURL turns the runtime's absolute path into the file: URL node's --import takes. A
// Windows path (C:\x\register.js) becomes file:///C:/x/register.js: slashes, and one more
// before the drive letter, without which "C:" would read as the URL's host. A UNC path
// (\\server\share\x) names its server as the host, as Node's pathToFileURL does.
func fileURL(path, query string) string {
	return fileURLFor(path, query, runtime.GOOS == "windows")
}

func fileURLFor(path, query string, windows bool) string {
	u := url.URL{Scheme: "file", Path: path, RawQuery: query}
	if windows {
		slashed := strings.ReplaceAll(path, `\`, "/")
		unc, isUNC := strings.CutPrefix(slashed, "//")
		host, rest, hasShare := strings.Cut(unc, "/")
		switch {
		case isUNC && hasShare && host != "":
			u.Host, u.Path = host, "/"+rest
		case strings.HasPrefix(slashed, "/"):
			u.Path = slashed
		default:
			u.Path = "/" + slashed
		}
	}
	return u.String()
}
