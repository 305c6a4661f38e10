package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/dossier-dev/dossier/pipeline/refparse"
)

func newCiteCommand(_ *globalOptions) *cobra.Command {
	var note bool
	cmd := &cobra.Command{
		Use:   "cite [FILE|-]",
		Short: "Parse reference strings into CSL-JSON, one a line",
		Long: `Read one reference a line (from FILE, or standard input when FILE is "-"
or missing) and print one CSL-JSON object a line, in the same order. An
empty line gives {} so the output stays aligned with the input. With --note
each line is read as a whole endnote and printed as {"kind": ..., "items": [...]}.`,
		Example: `  dossier cite refs.txt
  echo 'Rachman, Gideon. "A title." Financial Times, May 2, 2014.' | dossier cite`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			in := cmd.InOrStdin()
			name := "standard input"
			if len(args) == 1 && args[0] != "-" {
				f, err := os.Open(args[0])
				if err != nil {
					return usageError{err}
				}
				defer f.Close()
				in, name = f, args[0]
			}
			if err := cite(in, cmd.OutOrStdout(), note); err != nil {
				return fmt.Errorf("cite %s: %w", name, err)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&note, "note", false, "read each line as a whole endnote (kind and all the sources it cites)")
	return cmd
}

// cite parses each line of in and writes one JSON object a line to out.
func cite(in io.Reader, out io.Writer, note bool) error {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	w := bufio.NewWriter(out)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	line := 0
	for sc.Scan() {
		line++
		var v any
		if note {
			kind, items := refparse.ParseNote(sc.Text())
			v = struct {
				Kind  string `json:"kind"`
				Items any    `json:"items"`
			}{kind, items}
		} else {
			v = refparse.Parse(sc.Text())
		}
		if err := enc.Encode(v); err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("line %d: %w", line+1, err)
	}
	return w.Flush()
}
