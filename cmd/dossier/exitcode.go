package main

import (
	"errors"
	"strings"

	"github.com/dossier-dev/dossier/internal/batch"
	"github.com/dossier-dev/dossier/internal/config"
)

// Exit codes, documented in the README and in `dossier --help`.
const (
	exitOK     = 0 // every document done
	exitFailed = 1 // some documents failed; the others are done
	exitUsage  = 2 // bad usage or configuration: nothing was done
	exitLocked = 3 // another run holds the output folder: nothing was done
)

// usageError marks a mistake in how dossier was called.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// errDocumentsFailed reports that a run finished with failures; each was
// already reported.
var errDocumentsFailed = errors.New("some documents failed")

// exitCode maps an error to its documented exit code, in this one place.
func exitCode(err error) int {
	if err == nil {
		return exitOK
	}
	var ue usageError
	var ve *config.ValueError
	switch {
	case errors.As(err, &ue), errors.As(err, &ve):
		return exitUsage
	case errors.Is(err, batch.ErrLocked):
		return exitLocked
	case errors.Is(err, errDocumentsFailed):
		return exitFailed
	case strings.HasPrefix(err.Error(), "config:"), strings.HasPrefix(err.Error(), "unknown command"),
		strings.HasPrefix(err.Error(), "accepts "), strings.HasPrefix(err.Error(), "requires "):
		return exitUsage
	}
	return exitFailed
}
