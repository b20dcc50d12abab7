package session

import (
	"context"
	"fmt"
	"slices"
	"strings"

	hmrprotocol "github.com/hotswap/hotswap/hmr/protocol"
)

// queuePush hands a saved file to the app's pusher. The push waits for the runtime and the
// caller must not, so edits go on being analysed; saves made while an update runs are pushed
// together next, in the order they came.
func (a *app) queuePush(path string) {
	a.mu.Lock()
	if !slices.Contains(a.toPush, path) {
		a.toPush = append(a.toPush, path)
	}
	a.mu.Unlock()
	select {
	case a.pushWake <- struct{}{}:
	default:
	}
}

// pushQueued pushes queued saves until the app's event loop ends.
func (f *Folder) pushQueued(a *app) {
	for {
		select {
		case <-a.done:
			return
		case <-a.pushWake:
		}
		a.mu.Lock()
		paths := a.toPush
		a.toPush = nil
		a.mu.Unlock()
		if len(paths) == 0 {
			continue
		}
		if _, err := a.d.Push(context.Background(), paths); err != nil {
			f.s.hooks.Log(LogWarning, fmt.Sprintf("hotswap: pushing %s: %v", strings.Join(paths, ", "), err))
		}
	}
}

// Push pushes the files saved since the last push (OnSave "manual") as one update. It answers
// nil when nothing was saved.
func (f *Folder) Push(ctx context.Context) (*hmrprotocol.UpdateResult, error) {
	a := f.currentApp()
	if a == nil {
		return nil, fmt.Errorf("the app of %s is not running: use hotswap.start", f.Root)
	}
	f.mu.Lock()
	paths := f.unpushed
	f.unpushed = nil
	f.mu.Unlock()
	if len(paths) == 0 {
		return nil, nil
	}
	result, err := a.d.Push(ctx, paths)
	if err != nil {
		return nil, fmt.Errorf("pushing %d files: %v", len(paths), err)
	}
	return result, nil
}
