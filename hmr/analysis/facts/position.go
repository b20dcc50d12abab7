package facts

import (
	"bytes"
	"sort"
	"unicode/utf8"
)

// LineIndex converts positions of one file's text into the line and UTF-16 column that the
// Language Server Protocol uses. Build it once per version of the file.
type LineIndex struct {
	src        []byte
	lineStarts []int
}

// NewLineIndex indexes the line starts of src.
func NewLineIndex(src []byte) *LineIndex {
	starts := []int{0}
	for i, b := range src {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &LineIndex{src: src, lineStarts: starts}
}

// UTF16 converts a point (line, byte column) into a zero-based line and a UTF-16 column. A
// column past the end of its line is clamped to the line's end.
func (ix *LineIndex) UTF16(p Point) (line, character int) {
	if p.Line < 0 {
		return 0, 0
	}
	if p.Line >= len(ix.lineStarts) {
		p.Line = len(ix.lineStarts) - 1
		p.Column = len(ix.src) - ix.lineStarts[p.Line]
	}
	start := ix.lineStarts[p.Line]
	end := start + p.Column
	if end > len(ix.src) {
		end = len(ix.src)
	}
	for i := start; i < end; {
		r, size := utf8.DecodeRune(ix.src[i:end])
		if r >= 0x10000 {
			character += 2 // a surrogate pair
		} else {
			character++
		}
		i += size
	}
	return p.Line, character
}

// Point converts an LSP line and UTF-16 column back into a point with a byte column.
func (ix *LineIndex) Point(line, character int) Point {
	if line < 0 {
		return Point{}
	}
	if line >= len(ix.lineStarts) {
		last := len(ix.lineStarts) - 1
		return Point{Line: last, Column: len(ix.src) - ix.lineStarts[last]}
	}
	start := ix.lineStarts[line]
	i, units := start, 0
	for i < len(ix.src) && ix.src[i] != '\n' && units < character {
		r, size := utf8.DecodeRune(ix.src[i:])
		if r >= 0x10000 {
			units += 2
		} else {
			units++
		}
		i += size
	}
	return Point{Line: line, Column: i - start}
}

// pointAt converts a byte offset into a point.
func (ix *LineIndex) pointAt(offset int) Point {
	line := sort.Search(len(ix.lineStarts), func(i int) bool { return ix.lineStarts[i] > offset }) - 1
	if line < 0 {
		line = 0
	}
	return Point{Line: line, Column: offset - ix.lineStarts[line]}
}

// PointAt converts a byte offset of src, clamped to the text, into a zero-based line and byte
// column.
func PointAt(src []byte, offset int) Point {
	offset = min(max(offset, 0), len(src))
	line := bytes.Count(src[:offset], []byte{'\n'})
	column := offset - (bytes.LastIndexByte(src[:offset], '\n') + 1)
	return Point{Line: line, Column: column}
}
