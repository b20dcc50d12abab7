package driver

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// socketDirPrefix starts the name of every driver's private socket directory; the driver's
// process id follows, so that a later driver can tell whether its owner still runs.
const socketDirPrefix = "hotswap-"

// makeSocketDir creates this driver's private socket directory, named after its process id,
// after removing those of drivers that died without cleaning up (kill -9).
func makeSocketDir() (string, error) {
	removeDeadSocketDirs(os.TempDir())
	dir, err := os.MkdirTemp("", socketDirPrefix+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		return "", err
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return "", err
	}
	return dir, nil
}

// removeDeadSocketDirs removes the socket directories in tmp whose driver process is gone.
// Only directories of this user that hold nothing but sockets are touched.
func removeDeadSocketDirs(tmp string) {
	entries, err := os.ReadDir(tmp)
	if err != nil {
		return
	}
	for _, entry := range entries {
		pid, ok := socketDirOwner(entry.Name())
		if !ok || !entry.IsDir() || processAlive(pid) {
			continue
		}
		dir := filepath.Join(tmp, entry.Name())
		if info, err := os.Stat(dir); err != nil || !ownedByMe(info) || !onlySockets(dir) {
			continue
		}
		_ = os.RemoveAll(dir)
	}
}

// socketDirOwner reads the process id from "hotswap-<pid>-<random>".
func socketDirOwner(name string) (int, bool) {
	rest, ok := strings.CutPrefix(name, socketDirPrefix)
	if !ok {
		return 0, false
	}
	digits, _, ok := strings.Cut(rest, "-")
	if !ok {
		return 0, false
	}
	pid, err := strconv.Atoi(digits)
	return pid, err == nil && pid > 0
}

func onlySockets(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, entry := range entries {
		if entry.Type()&os.ModeSocket == 0 {
			return false
		}
	}
	return true
}
