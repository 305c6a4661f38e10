package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/spf13/cobra"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = ""

// Version returns dossier's version: the release, or the VCS revision the
// binary was built from. A development build from a modified tree also
// carries a hash of its own executable, so incremental runs never take
// outputs of different code for up to date.
func Version() string {
	v := baseVersion()
	if strings.HasPrefix(v, "devel") || strings.HasSuffix(v, "dirty") {
		if h := executableHash(); h != "" {
			v += "+" + h
		}
	}
	return v
}

var exeHash = sync.OnceValue(func() string {
	path, err := os.Executable()
	if err != nil {
		return ""
	}
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
})

func executableHash() string { return exeHash() }

func baseVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			return bi.Main.Version
		}
		rev, dirty := "", false
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
		if len(rev) > 12 {
			rev = rev[:12]
		}
		if rev != "" {
			if dirty {
				rev += "-dirty"
			}
			return "devel-" + rev
		}
	}
	return "devel"
}

func newVersionCommand(*globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print dossier's version",
		Example: "  dossier version",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprintln(cmd.OutOrStdout(), "dossier", Version())
			return err
		},
	}
}
