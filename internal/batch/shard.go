package batch

import (
	"fmt"
	"hash/fnv"
	"strconv"

	"github.com/dossier-dev/dossier/internal/config"
)

// Shard is this process's share of the inputs: share K (1-based) of N.
type Shard struct{ K, N int }

// ResolveShard reads the shard from the config, or for a Kubernetes
// Indexed Job from JOB_COMPLETION_INDEX (0-based) and run.shard_count.
func ResolveShard(r config.Run, getenv func(string) string) (Shard, error) {
	if r.Shard != "" {
		k, n, err := config.ParseShard(r.Shard)
		return Shard{k, n}, err
	}
	if r.ShardCount > 0 {
		idx := getenv("JOB_COMPLETION_INDEX")
		if idx == "" {
			return Shard{}, fmt.Errorf("run.shard_count is %d but JOB_COMPLETION_INDEX is not set", r.ShardCount)
		}
		i, err := strconv.Atoi(idx)
		if err != nil || i < 0 || i >= r.ShardCount {
			return Shard{}, fmt.Errorf("JOB_COMPLETION_INDEX %q is not in 0..%d", idx, r.ShardCount-1)
		}
		return Shard{i + 1, r.ShardCount}, nil
	}
	return Shard{1, 1}, nil
}

// Has reports whether an input belongs to this shard. The share depends
// only on the input's output name, so it is the same on every machine
// whatever order the inputs were listed in.
func (s Shard) Has(in Input) bool {
	if s.N <= 1 {
		return true
	}
	h := fnv.New32a()
	h.Write([]byte(in.ID))
	return int(h.Sum32()%uint32(s.N)) == s.K-1
}

// Select keeps this shard's inputs, remembering each one's index in the
// full list.
func (s Shard) Select(all []Input) []Input {
	var out []Input
	for i, in := range all {
		in.Index = i
		if s.Has(in) {
			out = append(out, in)
		}
	}
	return out
}
