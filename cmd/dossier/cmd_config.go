package main

import (
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/dossier-dev/dossier/internal/config"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"go.yaml.in/yaml/v3"
)

// loadConfig loads the layered configuration for a command.
func loadConfig(g *globalOptions, flags *pflag.FlagSet, keys config.FlagKeys) (*config.Loaded, error) {
	return config.Load(g.configFile, os.Environ(), flags, keys)
}

func newConfigCommand(g *globalOptions) *cobra.Command {
	var origins bool
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Print the effective configuration and where each value came from",
		Long: `Print the configuration a run would use: the built-in defaults, then the
file given with -c, then DOSSIER_SECTION__KEY environment variables. Each
value is followed by a comment naming the layer that set it.`,
		Example: `  dossier config
  dossier -c configs/analyst.yaml config
  DOSSIER_OUTPUT__FORMATS=json,pdf dossier config`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			l, err := loadConfig(g, nil, nil)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if !origins {
				return yaml.NewEncoder(out).Encode(l.Raw)
			}
			keys := make([]string, 0, len(l.Origin))
			for k := range l.Origin {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			printTree(out, l.Raw, "", 0, l.Origin)
			return nil
		},
	}
	cmd.Flags().BoolVar(&origins, "origins", true, "annotate each value with where it was set")
	return cmd
}

func printTree(w interface{ Write([]byte) (int, error) }, m map[string]any, prefix string, depth int, origin map[string]string) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	indent := strings.Repeat("  ", depth)
	for _, k := range keys {
		key := prefix + k
		switch v := m[k].(type) {
		case map[string]any:
			if len(v) == 0 {
				fmt.Fprintf(w, "%s%s: {}  # %s\n", indent, k, origin[key])
				continue
			}
			fmt.Fprintf(w, "%s%s:\n", indent, k)
			printTree(w, v, key+".", depth+1, origin)
		default:
			b, _ := yaml.Marshal(v)
			val := strings.TrimSpace(string(b))
			if strings.Contains(val, "\n") {
				// lists print in flow style to stay on one line
				var items []string
				if l, ok := v.([]any); ok {
					for _, it := range l {
						items = append(items, fmt.Sprint(it))
					}
				}
				val = "[" + strings.Join(items, ", ") + "]"
			}
			fmt.Fprintf(w, "%s%s: %s  # %s\n", indent, k, val, origin[key])
		}
	}
}
