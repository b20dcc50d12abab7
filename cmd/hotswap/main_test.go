package main

import "testing"

func TestDispatchUnknownCommandIsUsageError(t *testing.T) {
	if code := dispatch([]string{"no-such-command"}); code != 2 {
		t.Fatalf("exit code = %d, want 2", code)
	}
}

func TestDispatchVersion(t *testing.T) {
	if code := dispatch([]string{"--version"}); code != 0 {
		t.Fatalf("exit code = %d, want 0", code)
	}
}
