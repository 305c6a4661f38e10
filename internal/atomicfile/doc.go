// Package atomicfile writes files so that nobody ever sees a partial one:
// the content goes to a temporary file in the same folder, is synced, and is
// then renamed over the target. A crash or SIGKILL at any moment leaves
// either the old file, the new one, or a stray temporary (named
// ".NAME.tmp-*", which Clean removes), never a half-written NAME.
package atomicfile
