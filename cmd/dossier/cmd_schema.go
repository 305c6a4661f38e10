package main

import (
	"github.com/dossier-dev/dossier/schema"
	"github.com/spf13/cobra"
)

func newSchemaCommand(*globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of dossier's JSON output",
		Example: `  dossier schema > dossier.schema.json
  dossier schema | python3 -m json.tool`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := cmd.OutOrStdout().Write(schema.JSONSchema())
			return err
		},
	}
}
