package protocol

// Methods a driver sends to the runtime.
const (
	// MethodUpdate asks the runtime to apply changed files; the result is an UpdateResult.
	MethodUpdate = "update"
	// MethodGraph asks for the module graph; the result is a Graph.
	MethodGraph = "graph"
	// MethodShutdown asks the runtime to run every dispose handler and exit with code 0.
	MethodShutdown = "shutdown"
)

// Notifications the runtime sends to a driver.
const (
	// MethodReady says the entry has evaluated; params are ReadyParams.
	MethodReady = "ready"
	// MethodUpdated reports an update the driver did not request; params are an UpdateResult.
	MethodUpdated = "updated"
	// MethodRestart asks the driver to start the app again; params are RestartParams.
	MethodRestart = "restart"
	// MethodLog carries one [hot] line; params are LogParams.
	MethodLog = "log"
)

// UpdateParams are the params of an update request.
type UpdateParams struct {
	Paths []string `json:"paths"`
}

// GraphParams are the (empty) params of a graph request.
type GraphParams struct{}

// ShutdownParams are the params of a shutdown request.
type ShutdownParams struct {
	// TimeoutMs bounds how long the runtime waits for dispose handlers; zero means its default.
	TimeoutMs int `json:"timeoutMs,omitempty"`
	// Signal names the app's own listeners ("SIGTERM" or "SIGINT") that run after the dispose
	// handlers; empty means SIGTERM.
	Signal string `json:"signal,omitempty"`
}

// ShutdownResult is the (empty) result of a shutdown request.
type ShutdownResult struct{}

// ReadyParams are the params of the ready notification.
type ReadyParams struct {
	PID        int     `json:"pid"`
	Node       string  `json:"node"`
	Entry      string  `json:"entry"`
	Modules    int     `json:"modules"`
	DurationMs float64 `json:"durationMs"`
}

// Restart reasons the runtime gives.
const (
	ReasonUnaccepted   = "unaccepted"
	ReasonDeclined     = "declined"
	ReasonDisposeError = "disposeError"
	ReasonInvalidated  = "invalidated"
	// ReasonHandlerTimeout: a dispose, prune or accept handler did not settle within the
	// runtime's handler timeout, so the app's state is unknown.
	ReasonHandlerTimeout = "handlerTimeout"
)

// RestartParams are the params of the restart notification.
type RestartParams struct {
	Reason  string   `json:"reason"`
	Message string   `json:"message"`
	Chain   []string `json:"chain,omitempty"`
}

// Log levels of the log notification.
const (
	LevelInfo  = "info"
	LevelWarn  = "warn"
	LevelError = "error"
)

// LogParams are the params of the log notification.
type LogParams struct {
	Level   string `json:"level"`
	Message string `json:"message"`
}

// ErrorLocation says where a new version failed, with 1-based line and column.
type ErrorLocation struct {
	Message string `json:"message"`
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Stack   string `json:"stack,omitempty"`
}
