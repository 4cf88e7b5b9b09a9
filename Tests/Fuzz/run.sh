#!/usr/bin/env bash
# `make fuzz`: builds opsbook-fuzz with libFuzzer (Swift's -sanitize=fuzzer) and runs every
# target for FUZZ_SECONDS (default 60) from seeds made of the demo content and the vendored
# public corpora. Crash inputs land in Tests/Fuzz/TARGET/ (commit them: FuzzRegressionTests
# replays each one); the coverage corpus grows in .build-fuzz/corpus/.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_TARGET="${FUZZ_SECONDS:-60}"
TARGETS="${FUZZ_TARGETS:-markdown yaml csv jsonl xlsx dates tickets http toml}"
BUILD=.build-fuzz
OPSBOOK_FUZZ=1 swift build -c debug --scratch-path "$BUILD" --product opsbook-fuzz
BIN="$BUILD/debug/opsbook-fuzz"

seeds="$BUILD/seeds"
rm -rf "$seeds"; mkdir -p "$seeds"
python3 Tests/Fuzz/make_seeds.py "$seeds"

printf '| target | seconds | executions | exec/s | new crash inputs |\n|---|---|---|---|---|\n' > "$BUILD/summary.md"
for target in $TARGETS; do
  mkdir -p "$BUILD/corpus/$target" "Tests/Fuzz/$target"
  log="$BUILD/$target.log"
  kept=$(find "Tests/Fuzz/$target" -type f | wc -l)
  set +e
  SWIFT_BACKTRACE=enable=no OPSBOOK_FUZZ_TARGET="$target" "$BIN" -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=4096 \
    -max_len=262144 -print_final_stats=1 -artifact_prefix="Tests/Fuzz/$target/" \
    "$BUILD/corpus/$target" "$seeds/$target" > "$log" 2>&1
  set -e
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  crashes=$(( $(find "Tests/Fuzz/$target" -type f | wc -l) - kept ))
  printf '| %s | %s | %s | %s | %s |\n' "$target" "$SECONDS_PER_TARGET" "$runs" "$speed" "$crashes" >> "$BUILD/summary.md"
done
cat "$BUILD/summary.md"
