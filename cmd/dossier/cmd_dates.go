package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/dossier-dev/dossier/pipeline/ingest"
	"github.com/dossier-dev/dossier/pipeline/timex"
	"github.com/spf13/cobra"
)

// dateLine is one expression as `dossier dates` prints it: the contract
// ../shared/eval/score_timex.py reads.
type dateLine struct {
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Text     string `json:"text"`
	Type     string `json:"type"`
	Value    string `json:"value"`
	EndValue string `json:"end_value,omitempty"`
}

func newDatesCommand(*globalOptions) *cobra.Command {
	var dct string
	cmd := &cobra.Command{
		Use:   "dates [--dct YYYY-MM-DD] [FILE|-]",
		Short: "Print the temporal expressions of a text as JSON Lines",
		Long: `dates tags the temporal expressions of one text (TIMEX3: DATE, TIME,
DURATION, SET) and prints one JSON object a line: start, end (Unicode
code points), text, type, value, and end_value for ranges.

A plain file or standard input is tagged exactly as read, so the offsets
index the file's text; an HTML file is tagged in its rendered text.
Relative expressions ("last week") resolve against --dct.`,
		Example: `  dossier dates --dct 2015-03-02 report.txt
  echo "In 2014, prices rose. In April, Obama visited Japan." | dossier dates -`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if dct != "" && !validDCT(dct) {
				return usageError{fmt.Errorf("--dct: want YYYY-MM-DD, got %q", dct)}
			}
			text, err := readDatesInput(cmd.InOrStdin(), args)
			if err != nil {
				return err
			}
			tg, err := timex.New()
			if err != nil {
				return err
			}
			w := bufio.NewWriter(cmd.OutOrStdout())
			enc := json.NewEncoder(w)
			enc.SetEscapeHTML(false)
			for _, te := range tg.Tag(text, dct) {
				if err := enc.Encode(dateLine{Start: te.Start, End: te.End, Text: te.Text, Type: te.Type, Value: te.Value, EndValue: te.EndValue}); err != nil {
					return err
				}
			}
			return w.Flush()
		},
	}
	cmd.Flags().StringVar(&dct, "dct", "", "document creation `date` (YYYY-MM-DD) relative expressions resolve against")
	return cmd
}

// validDCT accepts YYYY-MM-DD, optionally followed by a time (the TimeML
// corpora give creation times such as 1998-02-13T14:26:00).
func validDCT(s string) bool {
	if len(s) < 10 {
		return false
	}
	for i, c := range s[:10] {
		if i == 4 || i == 7 {
			if c != '-' {
				return false
			}
		} else if c < '0' || c > '9' {
			return false
		}
	}
	return len(s) == 10 || s[10] == 'T' || s[10] == ' '
}

// readDatesInput reads the text to tag: stdin for "-" or no argument, the
// rendered text for HTML files, the raw text for every other file.
func readDatesInput(stdin io.Reader, args []string) (string, error) {
	if len(args) == 0 || args[0] == "-" {
		b, err := io.ReadAll(stdin)
		if err != nil {
			return "", fmt.Errorf("reading standard input: %w", err)
		}
		return universalNewlines(string(b)), nil
	}
	path := args[0]
	switch strings.ToLower(filepath.Ext(path)) {
	case ".html", ".htm", ".xhtml":
		doc, err := ingest.ReadFile(path, ingest.Options{})
		if err != nil {
			return "", fmt.Errorf("%s: %w", path, err)
		}
		return doc.Text, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	return universalNewlines(string(b)), nil
}

// universalNewlines turns "\r\n" and "\r" into "\n", as Python's text
// reading does, so offsets count the characters a Python reader sees.
func universalNewlines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}
