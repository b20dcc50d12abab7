package driver

import "testing"

func TestFileURLForUnixAndWindowsPaths(t *testing.T) {
	for _, c := range []struct {
		path, query string
		windows     bool
		want        string
	}{
		{"/home/me/app/node_modules/hotswap/hmr/runtime/register.js", "", false, "file:///home/me/app/node_modules/hotswap/hmr/runtime/register.js"},
		{"/tmp/a b/register.js", "silent", false, "file:///tmp/a%20b/register.js?silent"},
		{`C:\Users\me\app\node_modules\hotswap\hmr\runtime\register.js`, "", true, "file:///C:/Users/me/app/node_modules/hotswap/hmr/runtime/register.js"},
		{`D:\My Projects\register.js`, "silent", true, "file:///D:/My%20Projects/register.js?silent"},
		// Drive-letter case is kept, as Node's pathToFileURL keeps it.
		{`c:\app\#1\100%\é\register.js`, "", true, "file:///c:/app/%231/100%25/%C3%A9/register.js"},
		{`\\server\share\app\register.js`, "", true, "file://server/share/app/register.js"},
		{`C:/app/register.js`, "", true, "file:///C:/app/register.js"},
	} {
		if got := fileURLFor(c.path, c.query, c.windows); got != c.want {
			t.Errorf("fileURLFor(%q) = %q, want %q", c.path, got, c.want)
		}
	}
}
