// Package factscache keeps the facts of a project's files between runs of the analysis, so
// that a second `hotswap check` or editor start-up parses only the files that changed. Facts
// are found by a hash of a file's language and content, and kept in one file per project
// under the user cache directory, written whole on Save; a file written by another build of
// hotswap is ignored, since its parser may have read files differently.
package factscache

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/hotswap/hotswap/hmr/analysis/facts"
)

// magic starts every cache file, followed by the build that wrote it.
const magic = "hotswap facts 1\n"

type key [sha256.Size]byte

// Cache is the facts of one project's files. Its methods are safe for concurrent use.
type Cache struct {
	file, build string

	mu sync.Mutex
	// old holds the encodings the file had, new those of this run's files.
	old, new map[key][]byte
	stored   bool
}

// Dir is where caches live: $HOTSWAP_FACTS_CACHE, or hotswap/facts in the user cache
// directory. It is empty, turning caching off, when HOTSWAP_CACHE is 0 (the runtime's switch
// for its own cache) or there is no user cache directory.
func Dir() string {
	if os.Getenv("HOTSWAP_CACHE") == "0" {
		return ""
	}
	if dir := os.Getenv("HOTSWAP_FACTS_CACHE"); dir != "" {
		return dir
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "hotswap", "facts")
}

// Open reads the cache of the project in root from dir; it returns nil, which caches nothing,
// when dir is empty or this executable cannot be told from other builds.
func Open(dir, root string) *Cache {
	build := buildID()
	if dir == "" || build == "" {
		return nil
	}
	sum := sha256.Sum256([]byte(root))
	c := &Cache{file: filepath.Join(dir, fmt.Sprintf("%x.facts", sum[:12])), build: build, old: map[key][]byte{}, new: map[key][]byte{}}
	data, err := os.ReadFile(c.file)
	if err != nil {
		return c
	}
	header := magic + build + "\n"
	if !bytes.HasPrefix(data, []byte(header)) {
		return c
	}
	for rest := data[len(header):]; len(rest) > len(key{}); {
		var k key
		copy(k[:], rest)
		rest = rest[len(k):]
		n, size := binary.Uvarint(rest)
		if size <= 0 || n > uint64(len(rest)-size) {
			break
		}
		c.old[k] = rest[size : size+int(n)]
		rest = rest[size+int(n):]
	}
	return c
}

// buildID tells this executable from other builds by its path, size and modification time.
func buildID() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	info, err := os.Stat(exe)
	if err != nil {
		return ""
	}
	return fmt.Sprintf("%s %d %d", exe, info.Size(), info.ModTime().UnixNano())
}

func keyOf(name string, src []byte) key {
	h := sha256.New()
	h.Write([]byte(facts.LanguageOf(name)))
	h.Write([]byte{0})
	h.Write(src)
	var k key
	h.Sum(k[:0])
	return k
}

// Load returns the facts of a file named name (its extension picks the language) whose content
// is src, or nil when they are not cached.
func (c *Cache) Load(name string, src []byte) *facts.Facts {
	if c == nil {
		return nil
	}
	k := keyOf(name, src)
	c.mu.Lock()
	data, ok := c.new[k]
	if !ok {
		if data, ok = c.old[k]; ok {
			c.new[k] = data
		}
	}
	c.mu.Unlock()
	if !ok {
		return nil
	}
	var f facts.Facts
	if f.UnmarshalBinary(data) != nil {
		return nil
	}
	return &f
}

// Store keeps the facts Parse found for a file named name with content src.
func (c *Cache) Store(name string, src []byte, f *facts.Facts) {
	if c == nil {
		return
	}
	data, err := f.AppendBinary(nil)
	if err != nil {
		return
	}
	k := keyOf(name, src)
	c.mu.Lock()
	c.new[k] = data
	c.stored = true
	c.mu.Unlock()
}

// Save writes the facts of the files loaded or stored since Open, when some were parsed
// afresh, replacing the cache file at once so that a concurrent reader sees one whole.
func (c *Cache) Save() error {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	if !c.stored {
		c.mu.Unlock()
		return nil
	}
	buf := []byte(magic + c.build + "\n")
	for k, data := range c.new {
		buf = append(buf, k[:]...)
		buf = binary.AppendUvarint(buf, uint64(len(data)))
		buf = append(buf, data...)
	}
	c.stored = false
	c.mu.Unlock()
	if err := os.MkdirAll(filepath.Dir(c.file), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(c.file), filepath.Base(c.file)+".*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(buf)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), c.file)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}
