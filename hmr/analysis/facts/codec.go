package facts

import (
	"encoding/binary"
	"errors"
)

// AppendBinary appends a compact encoding of f to b, which UnmarshalBinary reads back
// unchanged, nil lists told from empty ones. A facts cache stores this: decoding it costs a
// fraction of parsing the file again.
func (f *Facts) AppendBinary(b []byte) ([]byte, error) {
	e := encoder{b}
	e.str(string(f.Language))
	e.bool(f.ModuleSyntax)
	e.list(f.Imports == nil, len(f.Imports))
	for _, imp := range f.Imports {
		e.str(imp.Specifier)
		e.str(string(imp.Kind))
		e.rng(imp.Range)
		e.bool(imp.Literal)
		e.bool(imp.Boundary)
	}
	e.list(f.Exports == nil, len(f.Exports))
	for _, x := range f.Exports {
		e.str(x.Name)
		e.rng(x.Range)
	}
	e.list(f.HotCalls == nil, len(f.HotCalls))
	for _, c := range f.HotCalls {
		e.str(string(c.Method))
		e.str(c.Object)
		e.rng(c.Range)
		e.list(c.Specifiers == nil, len(c.Specifiers))
		for _, s := range c.Specifiers {
			e.str(s.Text)
			e.rng(s.Range)
		}
	}
	e.list(f.SideEffects == nil, len(f.SideEffects))
	for _, s := range f.SideEffects {
		e.str(s.Call)
		e.rng(s.Range)
	}
	e.list(f.SyntaxErrors == nil, len(f.SyntaxErrors))
	for _, s := range f.SyntaxErrors {
		e.str(s.Message)
		e.rng(s.Range)
	}
	return e.b, nil
}

// UnmarshalBinary reads what AppendBinary wrote.
func (f *Facts) UnmarshalBinary(data []byte) error {
	d := &decoder{b: data}
	*f = Facts{Language: Language(d.str()), ModuleSyntax: d.bool()}
	for n := list(d, &f.Imports); n > 0; n-- {
		f.Imports = append(f.Imports, Import{Specifier: d.str(), Kind: ImportKind(d.str()), Range: d.rng(), Literal: d.bool(), Boundary: d.bool()})
	}
	for n := list(d, &f.Exports); n > 0; n-- {
		f.Exports = append(f.Exports, Export{Name: d.str(), Range: d.rng()})
	}
	for n := list(d, &f.HotCalls); n > 0; n-- {
		c := HotCall{Method: HotMethod(d.str()), Object: d.str(), Range: d.rng()}
		for m := list(d, &c.Specifiers); m > 0; m-- {
			c.Specifiers = append(c.Specifiers, Specifier{Text: d.str(), Range: d.rng()})
		}
		f.HotCalls = append(f.HotCalls, c)
	}
	for n := list(d, &f.SideEffects); n > 0; n-- {
		f.SideEffects = append(f.SideEffects, SideEffect{Call: d.str(), Range: d.rng()})
	}
	for n := list(d, &f.SyntaxErrors); n > 0; n-- {
		f.SyntaxErrors = append(f.SyntaxErrors, SyntaxError{Message: d.str(), Range: d.rng()})
	}
	if d.err == nil && len(d.b) != 0 {
		d.err = errTruncated
	}
	return d.err
}

var errTruncated = errors.New("facts: malformed encoding")

type encoder struct{ b []byte }

func (e *encoder) uint(v int) { e.b = binary.AppendUvarint(e.b, uint64(v)) }

// list writes a list's length plus one, or zero for a nil list.
func (e *encoder) list(isNil bool, n int) {
	if isNil {
		e.uint(0)
	} else {
		e.uint(n + 1)
	}
}

func (e *encoder) str(s string) {
	e.uint(len(s))
	e.b = append(e.b, s...)
}

func (e *encoder) bool(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}

func (e *encoder) rng(r Range) {
	for _, v := range [6]int{r.Start.Line, r.Start.Column, r.End.Line, r.End.Column, r.StartByte, r.EndByte} {
		e.uint(v)
	}
}

// decoder reads an encoding; after the first error it returns zero values and keeps the error.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) uint() int {
	v, n := binary.Uvarint(d.b)
	if n <= 0 || v > 1<<31 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return int(v)
}

// list reads what encoder.list wrote and makes *slice nil or empty with room for the length,
// which it returns.
func list[T any](d *decoder, slice *[]T) int {
	n := d.uint()
	if n == 0 {
		return 0
	}
	if n-1 > len(d.b) {
		d.fail()
		return 0
	}
	*slice = make([]T, 0, n-1)
	return n - 1
}

func (d *decoder) str() string {
	n := d.uint()
	if n > len(d.b) {
		d.fail()
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) bool() bool {
	if len(d.b) == 0 {
		d.fail()
		return false
	}
	v := d.b[0] != 0
	d.b = d.b[1:]
	return v
}

func (d *decoder) rng() Range {
	return Range{Start: Point{Line: d.uint(), Column: d.uint()}, End: Point{Line: d.uint(), Column: d.uint()}, StartByte: d.uint(), EndByte: d.uint()}
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = errTruncated
	}
	d.b = nil
}
