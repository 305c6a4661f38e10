package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/dossier-dev/dossier/output/xlsx"
	"github.com/dossier-dev/dossier/pipeline/overrides"
	"github.com/spf13/cobra"
)

func newReviewCommand(*globalOptions) *cobra.Command {
	var out string
	var replace bool
	cmd := &cobra.Command{
		Use:   "review [flags] WORKBOOK.xlsx...",
		Short: "Read analysts' review marks from workbooks into an overrides file",
		Long: `Read the Review column (verified / rejected / corrected) of the Events and
Positions sheets of workbooks dossier wrote (NAME.xlsx or corpus.xlsx) and
write the decisions to an overrides file. Corrected rows keep the values as
the analyst left them: date (edit Value, or Date and Precision), end date,
type, actors and people (separated by ";"), summary; holder, stance, topic,
statement.

Decisions are merged into an existing file (a new decision on the same item
replaces the old one) unless --replace is given. Later runs apply the file
when review.overrides names it: rejected items are dropped, corrected values
win. Rows are matched to items by document hash and evidence fingerprint
(kept in the workbook's hidden Key column), never by position.

A workbook with a mark that cannot be read (an unknown mark, a corrected
date that is not a date, a damaged Key cell) writes nothing; every such row
is listed.`,
		Example: `  dossier review out/report.xlsx
  dossier review -o reviews/overrides.yaml out/corpus.xlsx
  dossier run -c analyst.yaml reports/    # with review.overrides: reviews/overrides.yaml`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f := &overrides.File{Version: overrides.FormatVersion}
			if !replace {
				old, err := overrides.Load(out)
				switch {
				case err == nil:
					f = old
				case errors.Is(err, fs.ErrNotExist):
				default:
					return err
				}
			}
			counts := map[string]int{}
			for _, path := range args {
				if _, err := os.Stat(path); err != nil {
					return usageError{err}
				}
				marks, err := xlsx.ReadMarks(path)
				if err != nil {
					return err
				}
				f.Merge(marksToDocuments(marks))
				f.Workbooks = appendNew(f.Workbooks, path)
				for _, m := range marks {
					counts[m.Review]++
				}
			}
			if err := overrides.Save(out, f); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%d verified, %d rejected, %d corrected: %s\n",
				counts[xlsx.ReviewVerified], counts[xlsx.ReviewRejected], counts[xlsx.ReviewCorrected], out)
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "out", "o", "overrides.yaml", "overrides `file` to write (.yaml, .yml or .json)")
	cmd.Flags().BoolVar(&replace, "replace", false, "replace the overrides file instead of merging into it")
	return cmd
}

// marksToDocuments groups workbook marks by document.
func marksToDocuments(marks []xlsx.Mark) []overrides.Document {
	var docs []overrides.Document
	at := map[string]int{}
	for _, m := range marks {
		i, ok := at[m.DocSHA256]
		if !ok {
			docs = append(docs, overrides.Document{SHA256: m.DocSHA256, ID: m.DocID})
			i = len(docs) - 1
			at[m.DocSHA256] = i
		}
		it := overrides.Item{ID: m.ItemID, Fingerprint: m.Fingerprint, Review: m.Review, Comment: m.Comment}
		if m.Review == xlsx.ReviewCorrected {
			it.Date, it.EndDate, it.Type, it.Actors, it.People, it.Summary = m.Date, m.EndDate, m.Type, m.Actors, m.People, m.Summary
			it.Holder, it.Stance, it.Topic, it.Statement = m.Holder, m.Stance, m.Topic, m.Statement
		}
		if m.Sheet == xlsx.SheetEvents {
			docs[i].Events = append(docs[i].Events, it)
		} else {
			docs[i].Positions = append(docs[i].Positions, it)
		}
	}
	return docs
}

func appendNew(xs []string, x string) []string {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}
