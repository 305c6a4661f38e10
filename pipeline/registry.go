package pipeline

// DefaultRegistry returns a registry holding every stage dossier has. It is
// the one place a new stage is added.
func DefaultRegistry() *Registry {
	r := NewRegistry()
	return r
}
