#!/usr/bin/env bash
# `make bench`: builds generated corpora with opsbook, with Hugo (same Markdown, minimal
# layout, default rendering) and with cmark-gfm alone (one thread, the floor), and writes
# the table to bench/results.md. Measured with /usr/bin/time; nothing here is asserted.
#   BENCH_PAGES="1000 10000 50000" BENCH_TICKETS="100000 1000000" bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${BENCH_DIR:-.build-bench}
PAGES=${BENCH_PAGES:-"1000 10000 50000"}
TICKETS=${BENCH_TICKETS:-"100000 1000000"}
BIN=.build/release
mkdir -p "$OUT"
# On ext4 without a journal (this machine's disk) creating a file skips inodes freed in the
# last minute or more, so a build right after deleting thousands of files pays for the
# deletion. Nothing is deleted between measurements: old outputs are moved aside and removed
# at the end, and a corpus is regenerated only when the generator changed.
TRASH="$OUT/trash"
mkdir -p "$TRASH"
aside() { for path in "$@"; do [ -e "$path" ] && mv "$path" "$TRASH/$(date +%s%N)-$(basename "$path")"; done; return 0; }
corpus() {  # corpus DIR PAGES TICKETS
  local stamp; stamp="$(sha1sum "$BIN/bench-corpus" | cut -c1-40) $2 $3"
  if [ "$(cat "$1/.stamp" 2>/dev/null)" != "$stamp" ]; then
    aside "$1"
    "$BIN/bench-corpus" "$1" "$2" "$3" >&2
    echo "$stamp" > "$1/.stamp"
  fi
}

# Runs a command under /usr/bin/time -v; prints "wall_s cpu_s max_rss_mib".
measure() {
  sync  # no writeback of an earlier step (a corpus just written, the last output) during the measurement
  /usr/bin/time -v -o "$OUT/time.txt" "$@" > "$OUT/last.log" 2>&1 || { cat "$OUT/last.log" >&2; exit 1; }
  python3 - "$OUT/time.txt" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
def num(label): return float(re.search(re.escape(label) + r": (.*)", t).group(1))
wall = t.split("Elapsed (wall clock) time (h:mm:ss or m:ss): ")[1].split("\n")[0].split(":")
seconds = sum(float(x) * 60 ** i for i, x in enumerate(reversed(wall)))
print(f"{seconds:.2f} {num('User time (seconds)') + num('System time (seconds)'):.2f} {num('Maximum resident set size (kbytes)') / 1024:.0f}")
PY
}

# The wall seconds of the load step in a `build --timings` log.
load_step() { sed -nE 's/^\[[0-9]+\/[0-9]+\] load content .* ([0-9.]+)s, CPU .*/\1/p' "$1"; }

# Starts `opsbook serve` on a corpus, edits one page ten times and prints "median max" ms
# from the save to the server returning the edited page.
serve_edit() {
  local port=18080
  "$BIN/opsbook" serve --content "$1" --templates templates --port $port --quiet > "$OUT/serve.log" 2>&1 &
  local pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/"; do
    kill -0 $pid 2>/dev/null || { cat "$OUT/serve.log" >&2; exit 1; }
    sleep 0.5
  done
  python3 bench/edit_latency.py "http://127.0.0.1:$port" "$1/knowledge/page-1.md" /knowledge/page-1/index.html 10
  kill $pid; wait $pid 2>/dev/null || true
}

{
  echo "# Opsbook benchmark"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(hugo version | cut -d' ' -f1-2); cmark-gfm $(pkg-config --modversion libcmark-gfm). Wall and CPU in seconds, peak memory in MiB. Output written to disk by both tools, into folders that do not exist yet; no files are deleted between measurements (see run.sh). Load step: the median of three builds' own load content step (--timings), against cmark-gfm alone."
  echo
  echo "| pages | opsbook wall | CPU | peak MiB | hugo wall | CPU | peak MiB | cmark-gfm 1 thread | wall ÷ hugo | memory ÷ hugo | CPU ÷ cmark | opsbook load step | load ÷ cmark | opsbook ms/page | serve edit→page ms (median / max of 10) |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
} > "$OUT/results.md"

for n in $PAGES; do
  echo "== $n pages" >&2
  corpus "$OUT/corpus-$n" "$n" 0
  aside "$OUT/corpus-$n/site" "$OUT/corpus-$n/hugo-public"
  read ow oc om < <(measure "$BIN/opsbook" build --content "$OUT/corpus-$n/content" --templates templates --output "$OUT/corpus-$n/site" --quiet --timings --as-of 2026-11-29)
  load=$(load_step "$OUT/last.log")
  read hw hc hm < <(measure hugo --source "$OUT/corpus-$n/hugo" --destination "$OUT/corpus-$n/hugo-public" --quiet)
  floor=$("$BIN/bench-cmark" "$OUT/corpus-$n/content/knowledge" | sed -E 's/.* in ([0-9.]+) s/\1/')
  # The load step of the measured build and of two more: the first build after a corpus is
  # written reads it cold and varies most.
  for extra in 1 2; do
    aside "$OUT/corpus-$n/site-load"
    sync
    "$BIN/opsbook" build --content "$OUT/corpus-$n/content" --templates templates --output "$OUT/corpus-$n/site-load" --quiet --timings \
      --as-of 2026-11-29 > "$OUT/load.log" 2>&1
    load="$load $(load_step "$OUT/load.log")"
  done
  load=$(python3 -c 'import statistics, sys; print(statistics.median(map(float, sys.argv[1:])))' $load)
  edit=$(serve_edit "$OUT/corpus-$n/content")
  python3 - "$n" "$ow" "$oc" "$om" "$hw" "$hc" "$hm" "$floor" "$load" "$edit" >> "$OUT/results.md" <<'PY'
import sys
n, ow, oc, om, hw, hc, hm, floor, load = sys.argv[1], *map(float, sys.argv[2:10])
print(f"| {int(n):,} | {ow:.2f} | {oc:.2f} | {om:.0f} | {hw:.2f} | {hc:.2f} | {hm:.0f} | {floor:.2f} | {ow / hw:.2f} | {om / hm:.2f} "
      f"| {oc / floor:.1f} | {load:.2f} | {load / floor:.2f} | {ow / int(n) * 1000:.2f} | {sys.argv[10].replace(' ', ' / ')} |")
PY
done

{
  echo
  echo "| tickets | reports | opsbook wall | CPU | peak MiB |"
  echo "|---:|---:|---:|---:|---:|"
} >> "$OUT/results.md"
for t in $TICKETS; do
  echo "== $t tickets" >&2
  corpus "$OUT/tickets-$t" 10 "$t"
  aside "$OUT/tickets-$t/site"
  read tw tc tm < <(measure "$BIN/opsbook" build --content "$OUT/tickets-$t/content" --templates templates --output "$OUT/tickets-$t/site" --quiet --as-of 2027-01-15)
  reports=$(find "$OUT/tickets-$t/site/reports" -name report.json | wc -l)
  echo "| $(printf "%'d" "$t") | $reports | $tw | $tc | $tm |" >> "$OUT/results.md"
done

# #13's hostile inputs: a 1 MB line alternating links and emphasis (cmark-gfm's quadratic
# case, see LinkBottom) against 1 MB of plain text, and `serve` against oversized requests.
hostile_page() {  # hostile_page DIR KIND
  rm -rf "$1"; mkdir -p "$1/content"
  python3 - "$1/content" "$2" <<'PY'
import sys
folder, kind = sys.argv[1], sys.argv[2]
unit = "word [x](b.md) **b** " if kind == "links" else "word text plain text "
open(folder + "/a.md", "w").write("# A\n\n" + unit * 50000 + "\n")
open(folder + "/b.md", "w").write("# B\n\nbody\n")
PY
}
{
  echo
  echo "| hostile input (#13) | opsbook wall | CPU | peak MiB |"
  echo "|---|---:|---:|---:|"
} >> "$OUT/results.md"
for kind in plain links; do
  hostile_page "$OUT/hostile-$kind" "$kind"
  read xw xc xm < <(measure "$BIN/opsbook" build --content "$OUT/hostile-$kind/content" --templates templates --output "$OUT/hostile-$kind/site" --quiet --as-of 2026-11-29)
  echo "| 1 MB Markdown line, $( [ $kind = links ] && echo '50,000 × `word [x](b.md) **b**`' || echo 'plain text') | $xw | $xc | $xm |" >> "$OUT/results.md"
done
"$BIN/opsbook" serve --content "$OUT/hostile-plain/content" --templates templates --port 18081 --quiet > "$OUT/serve.log" 2>&1 &
serve_pid=$!
until curl -sf -o /dev/null "http://127.0.0.1:18081/"; do sleep 0.2; done
python3 - >> "$OUT/results.md" <<'PY'
import socket, time
def ask(data):
    started = time.time()
    s = socket.create_connection(("127.0.0.1", 18081), timeout=120)
    try: s.sendall(data); s.shutdown(socket.SHUT_WR)
    except OSError: pass
    answer = b""
    while chunk := s.recv(65536): answer += chunk
    return answer.split(b"\r\n")[0].decode(), (time.time() - started) * 1000
for name, data in [("400 KB request line", b"GET /" + b"a" * 400_000 + b" HTTP/1.1\r\n\r\n"),
                   ("20 MB of header fields", b"GET / HTTP/1.1\r\n" + (b"X: " + b"y" * 1000 + b"\r\n") * 20_000)]:
    status, ms = ask(data)
    print(f"| `serve`, {name}: {status} | {ms:.0f} ms | | |")
PY
kill $serve_pid; wait $serve_pid 2>/dev/null || true

# #15: every monthly, quarterly and yearly PDF of the demo (budget 60 s on 2 cores).
aside "$OUT/demo-site"
"$BIN/opsbook" build --content content --templates templates --output "$OUT/demo-site" --quiet
read pw pc pm < <(measure "$BIN/opsbook" pdf --site "$OUT/demo-site" --quiet)
echo "| \`opsbook pdf\`, the demo's $(find "$OUT/demo-site/reports" -name report.pdf | wc -l) report PDFs | $pw | $pc | $pm |" >> "$OUT/results.md"

# #16: Chinese search recall through the site's real search page in headless Chromium
# (bench/search_recall.py says how queries are chosen), Opsbook's index against Pagefind's.
PY=.build-venv/bin/python
{
  echo
  echo "| search (#16) | recall (top 10) | queries | first query KB | index KB | pages indexed |"
  echo "|---|---:|---:|---:|---:|---:|"
} >> "$OUT/results.md"
read r q f i n < <($PY bench/search_recall.py "$OUT/demo-site" --pages 1100 --per-page 3)
echo "| demo, Opsbook's index | $r % | $q | $f | $i | $n |" >> "$OUT/results.md"
aside "$OUT/demo-pagefind"; cp -r "$OUT/demo-site" "$OUT/demo-pagefind"
$PY -m pagefind --site "$OUT/demo-pagefind" --silent
read r q f i n < <($PY bench/search_recall.py "$OUT/demo-pagefind" --engine pagefind --pages 1100 --per-page 3)
echo "| demo, Pagefind $($PY -m pagefind --version 2>/dev/null | awk '{print $NF}') (extended) | $r % | $q | $f | $i | $n |" >> "$OUT/results.md"
for n in $PAGES; do
  [ "$n" = 10000 ] || continue
  read r q f i m < <($PY bench/search_recall.py "$OUT/corpus-$n/site" --pages 300 --per-page 3)
  echo "| $(printf "%'d" "$n") pages, Opsbook's index | $r % | $q | $f | $i | $m |" >> "$OUT/results.md"
done

mkdir -p bench
cp "$OUT/results.md" bench/results.md
rm -rf "$TRASH"
cat bench/results.md
