#!/usr/bin/env bash
# A district-wide yearly report on a year of generated history (docs/BENCHMARKS.md, "Reports"):
# writes 365 days for the seeded fleet into a fresh store in a temp folder, then times
# `firewatch report --config` for each format (read + build, and render, as the tool reports them).
# Usage: scripts/bench-report.sh [BIN_DIR] [ALARMS_PER_DAY]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/.build/release}
per_day=${2:-48}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/Config"
sed -e "s|sqlite: run/firewatch.sqlite|sqlite: $dir/fw.sqlite|" -e "s|\[Devices\]|[$root/Devices]|" -e "s|: seeds/|: $root/seeds/|" \
  "$root/Config/firewatch.yaml" > "$dir/Config/firewatch.yaml"
"$bin/firewatch" simulate --history 365 --alarms-per-day "$per_day" --hazards-per-day 12 --config "$dir/Config/firewatch.yaml"
to=$(TZ=Asia/Shanghai date -d yesterday +%F)
from=$(TZ=Asia/Shanghai date -d "$to -364 days" +%F)
for level in street station community; do
  for format in json csv html; do
    start=$(date +%s%N)
    "$bin/firewatch" report --config "$dir/Config/firewatch.yaml" --from "$from" --to "$to" --level "$level" --format "$format" --out "$dir/report.$format" 2>"$dir/err"
    end=$(date +%s%N)
    printf 'report %-9s %-4s %6d ms in all (%s); %s bytes\n' "$level" "$format" "$(( (end - start) / 1000000 ))" \
      "$(head -1 "$dir/err")" "$(stat -c %s "$dir/report.$format")"
  done
done
