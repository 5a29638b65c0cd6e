#!/usr/bin/env bash
# Writes employment_targets.csv from regions.csv (see README.md): the national annual target for new urban
# employment (城镇新增就业, about 12 million a year, domain.md §3) split over the leaf regions by population,
# every parent the sum of its children. Deterministic: same regions.csv, same bytes.
set -euo pipefail
dir=$(cd "$(dirname "$0")" && pwd)
LC_ALL=C.UTF-8 awk -F, -v national=12000000 '
NR == 1 { next }
{ code[NR] = $1; parent[$1] = $4; population[$1] = $5; order[++n] = $1; hasChildren[$4] = 1 }
$3 == "nation" { nationPopulation = $5 }
END {
    print "region_code,annual_new_urban_employment"
    for (i = 1; i <= n; i++) {
        c = order[i]
        if (!(c in hasChildren)) {
            leaf = sprintf("%.0f", national * population[c] / nationPopulation)
            for (r = c; r != ""; r = parent[r]) target[r] += leaf
        }
    }
    for (i = 1; i <= n; i++) printf "%s,%d\n", order[i], target[order[i]]
}' "$dir/regions.csv" > "$dir/employment_targets.csv"
