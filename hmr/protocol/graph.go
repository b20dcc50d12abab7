package protocol

import "encoding/json"

// Graph is the runtime's module graph: the result of a graph request.
type Graph struct {
	Entry   string        `json:"entry"`
	Modules []GraphModule `json:"modules"`
}

// GraphModule is one participating module and how it takes updates.
type GraphModule struct {
	Path       string        `json:"path"`
	Version    int           `json:"version"`
	Format     string        `json:"format"`
	SelfAccept bool          `json:"selfAccept"`
	Declined   bool          `json:"declined"`
	Accepts    []string      `json:"accepts"`
	HasDispose bool          `json:"hasDispose"`
	HasPrune   bool          `json:"hasPrune"`
	Imports    []GraphImport `json:"imports"`
	Importers  []string      `json:"importers"`
}

// MarshalJSON writes empty lists as [] so that a module survives a decode and encode unchanged.
func (m GraphModule) MarshalJSON() ([]byte, error) {
	type plain GraphModule
	p := plain(m)
	p.Accepts, p.Importers = nonNil(p.Accepts), nonNil(p.Importers)
	if p.Imports == nil {
		p.Imports = []GraphImport{}
	}
	return json.Marshal(p)
}

// GraphImport is one import edge. Path is empty for an external module (null on the wire).
type GraphImport struct {
	Specifier string `json:"specifier"`
	Path      string `json:"path"`
	Dynamic   bool   `json:"dynamic"`
	Boundary  bool   `json:"boundary"`
	External  bool   `json:"external,omitempty"`
}

// MarshalJSON writes an empty Path as null, as the protocol does for external modules.
func (i GraphImport) MarshalJSON() ([]byte, error) {
	type plain GraphImport
	var path *string
	if i.Path != "" {
		path = &i.Path
	}
	return json.Marshal(struct {
		plain
		Path *string `json:"path"`
	}{plain(i), path})
}
