package analysis

import (
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// FileSystem is how the analysis reads a project. Names are absolute paths.
type FileSystem interface {
	ReadFile(name string) ([]byte, error)
	Stat(name string) (fs.FileInfo, error)
	ReadDir(name string) ([]fs.DirEntry, error)
}

// OSFS reads the real disk.
type OSFS struct{}

// ReadFile reads a file from the disk.
func (OSFS) ReadFile(name string) ([]byte, error) { return os.ReadFile(name) }

// Stat describes a file on the disk, following symbolic links.
func (OSFS) Stat(name string) (fs.FileInfo, error) { return os.Stat(name) }

// ReadDir lists a directory on the disk.
func (OSFS) ReadDir(name string) ([]fs.DirEntry, error) { return os.ReadDir(name) }

// Overlay lays in-memory file contents (an editor's unsaved buffers) over another FileSystem.
// It is safe for concurrent use.
type Overlay struct {
	Base  FileSystem
	mu    sync.RWMutex
	files map[string][]byte
}

// NewOverlay returns an empty overlay over base.
func NewOverlay(base FileSystem) *Overlay {
	return &Overlay{Base: base, files: map[string][]byte{}}
}

// Set makes name read as content until Remove.
func (o *Overlay) Set(name string, content []byte) {
	o.mu.Lock()
	o.files[filepath.Clean(name)] = content
	o.mu.Unlock()
}

// Remove drops the overlay of name, so it reads from the base again.
func (o *Overlay) Remove(name string) {
	o.mu.Lock()
	delete(o.files, filepath.Clean(name))
	o.mu.Unlock()
}

func (o *Overlay) get(name string) ([]byte, bool) {
	o.mu.RLock()
	defer o.mu.RUnlock()
	b, ok := o.files[filepath.Clean(name)]
	return b, ok
}

// ReadFile returns the overlaid content of name, or the base's.
func (o *Overlay) ReadFile(name string) ([]byte, error) {
	if b, ok := o.get(name); ok {
		return append([]byte(nil), b...), nil
	}
	return o.Base.ReadFile(name)
}

// Stat describes the overlaid file, or asks the base.
func (o *Overlay) Stat(name string) (fs.FileInfo, error) {
	if b, ok := o.get(name); ok {
		return overlayInfo{name: filepath.Base(name), size: int64(len(b))}, nil
	}
	return o.Base.Stat(name)
}

// ReadDir lists the base directory; overlays of files that are not on disk yet are not listed.
func (o *Overlay) ReadDir(name string) ([]fs.DirEntry, error) { return o.Base.ReadDir(name) }

// overlayInfo describes an overlaid buffer.
type overlayInfo struct {
	name string
	size int64
}

// The fs.FileInfo methods of an overlaid buffer.
func (i overlayInfo) Name() string       { return i.name }
func (i overlayInfo) Size() int64        { return i.size }
func (i overlayInfo) Mode() fs.FileMode  { return 0o644 }
func (i overlayInfo) ModTime() time.Time { return time.Time{} }
func (i overlayInfo) IsDir() bool        { return false }
func (i overlayInfo) Sys() any           { return nil }
