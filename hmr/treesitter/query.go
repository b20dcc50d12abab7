package treesitter

// What both backends share of queries: the capture names each Query reads once when it is
// made, and the results, which are plain data.

// CaptureNameForId is the name of a capture, without its @.
func (q *Query) CaptureNameForId(id uint32) string {
	if int(id) < len(q.captures) {
		return q.captures[id]
	}
	return ""
}

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
