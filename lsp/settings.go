package lsp

import (
	"context"
	"encoding/json"
	"slices"

	"github.com/hotswap/hotswap/hmr/session"
)

// Settings are the section "hotswap" of the client's configuration (HotswapSettings in
// lsp/events.d.ts).
type Settings struct {
	Entry      entryList `json:"entry"`
	NodePath   string    `json:"nodePath"`
	NodeArgs   []string  `json:"nodeArgs"`
	Args       []string  `json:"args"`
	Runtime    string    `json:"runtime"`
	OnSave     string    `json:"onSave"`
	CodeLens   toggle    `json:"codeLens"`
	InlayHints toggle    `json:"inlayHints"`
	Hover      toggle    `json:"hover"`
}

// toggle is a feature switch; a missing one means on.
type toggle struct {
	Enabled *bool `json:"enabled"`
}

// on reports whether the feature is enabled.
func (t toggle) on() bool { return t.Enabled == nil || *t.Enabled }

// entryList accepts a single entry or a list of them.
type entryList []string

// UnmarshalJSON reads a string or a list of strings.
func (e *entryList) UnmarshalJSON(data []byte) error {
	var one string
	if json.Unmarshal(data, &one) == nil {
		if one == "" {
			*e = nil
		} else {
			*e = entryList{one}
		}
		return nil
	}
	var many []string
	if err := json.Unmarshal(data, &many); err != nil {
		return err
	}
	*e = many
	return nil
}

func defaultSettings() Settings { return Settings{OnSave: "always", NodePath: "node"} }

// config is what the session needs of the settings.
func (s Settings) config() session.Config {
	return session.Config{Entry: s.Entry, NodePath: s.NodePath, NodeArgs: s.NodeArgs, Args: s.Args, Runtime: s.Runtime, OnSave: s.OnSave}
}

// parseSettings reads either the section's object itself or an object holding it under
// "hotswap", and fills in defaults.
func parseSettings(raw json.RawMessage) (Settings, error) {
	s := defaultSettings()
	if len(raw) == 0 || string(raw) == "null" {
		return s, nil
	}
	var wrapper struct {
		Hotswap json.RawMessage `json:"hotswap"`
	}
	if json.Unmarshal(raw, &wrapper) == nil && len(wrapper.Hotswap) > 0 {
		raw = wrapper.Hotswap
	}
	if err := json.Unmarshal(raw, &s); err != nil {
		return defaultSettings(), errInvalidParams{err}
	}
	if s.OnSave != "manual" {
		s.OnSave = "always"
	}
	if s.NodePath == "" {
		s.NodePath = "node"
	}
	return s, nil
}

// currentSettings returns a copy of the settings.
func (s *Server) currentSettings() Settings {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.settings
}

// didChangeConfiguration takes new settings: a new entry re-analyses every folder, and the
// lenses and hints are asked to refresh.
func (s *Server) didChangeConfiguration(ctx context.Context, params json.RawMessage) (any, error) {
	var p struct {
		Settings json.RawMessage `json:"settings"`
	}
	if err := decodeParams(params, &p); err != nil {
		return nil, err
	}
	next, err := parseSettings(p.Settings)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	prev := s.settings
	s.settings = next
	s.mu.Unlock()
	s.sess.SetConfig(next.config())
	if !slices.Equal(prev.Entry, next.Entry) {
		for _, f := range s.sess.Folders() {
			s.analyseFolder(ctx, f)
		}
	}
	s.refreshViews()
	return nil, nil
}
