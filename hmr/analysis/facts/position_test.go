package facts

import "testing"

func TestLineIndexUTF16(t *testing.T) {
	src := []byte("ab\nh\u00e9\U0001F600x\n")
	ix := NewLineIndex(src)
	// "h" 1 byte, "é" 2 bytes, the emoji 4 bytes: byte column 7 is before "x".
	line, char := ix.UTF16(Point{Line: 1, Column: 7})
	if line != 1 || char != 4 {
		t.Fatalf("UTF16 = %d:%d, want 1:4", line, char)
	}
	if p := ix.Point(1, 4); p != (Point{Line: 1, Column: 7}) {
		t.Fatalf("Point(1,4) = %+v, want 1:7", p)
	}
	if line, char := ix.UTF16(Point{Line: 9, Column: 0}); line != 2 || char != 0 {
		t.Fatalf("a line past the end clamps to the last line: %d:%d", line, char)
	}
}
