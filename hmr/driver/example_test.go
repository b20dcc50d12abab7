package driver_test

import (
	"context"
	"fmt"

	"github.com/hotswap/hotswap/hmr/driver"
)

// A driver is started once, fed changes (from a watcher or an editor's saves) and stopped;
// everything it sees arrives as events, which must be read until the channel closes.
func Example() {
	d, err := driver.New(driver.Options{
		Node:         "node",
		Runtime:      "/path/to/hmr/runtime/register.js",
		RuntimeQuery: "silent", // The runtime's [hot] lines then arrive only as log events.
		Entry:        "src/main.ts",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	describer := &driver.Describer{Root: "/path/to/project", Entry: d.Entry()}
	go func() {
		for e := range d.Events() {
			if line := describer.Describe(e); line != "" {
				fmt.Println("[hotswap]", line)
			}
		}
	}()
	if err := d.Start(context.Background()); err != nil {
		fmt.Println(err)
		return
	}
	// Push returns the runtime's UpdateResult; a restart, if one was needed, has happened
	// by the time it returns.
	if _, err := d.Push(context.Background(), []string{"/path/to/project/src/db.ts"}); err != nil {
		fmt.Println(err)
	}
	code, _ := d.Stop()
	fmt.Println("exit status", code)
}
