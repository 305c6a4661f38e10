// Package output defines what an exporter is and keeps the registry of
// exporters by format name. Each format lives in its own package under
// output/ and reads only the schema; output/all registers them.
//
// Exporters write through internal/atomicfile, so a reader never sees a
// partial file, and one exporter failing never stops the others.
package output
