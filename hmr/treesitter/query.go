package treesitter

// The query results are plain data, the same for both backends.

// QueryMatch is one match of a Query.
type QueryMatch struct {
	ID           uint32
	PatternIndex uint16
	Captures     []QueryCapture
}

// QueryCapture is one captured node of a match.
type QueryCapture struct {
	Index uint32
	Node  *Node
}
