#!/usr/bin/env bash
# run_all.sh LOVCEN_BIN OUTDIR: the segmentation outputs compared byte for
# byte between two builds (docs/segmentation.md, fourth step). Works in
# WORK (default /tmp/segcmp): writes the inputs there once (all of corpora/
# in one file, segment_bench's news via LOVCEN_BENCH_TEXT_DIR, random text).
# Run it with the old and the new binary, then `diff -r OLD NEW`.
set -u
BIN=$(realpath "$1"); OUT=$(realpath -m "$2"); mkdir -p "$OUT"
REPO=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${WORK:-/tmp/segcmp}; mkdir -p "$WORK"; cd "$WORK"
SH=${SRX_DIR:-$REPO/../shared/testdata/srx}
cp "$REPO/bench/segcmp/user.srx" user.srx
[[ -f random.txt ]] || python3 "$REPO/bench/segcmp/gen_random.py"
[[ -f corpora_all.txt ]] || cat "$REPO"/corpora/*/*.txt "$REPO"/corpora/incoming/*.txt > corpora_all.txt
[[ -f news.en.txt ]] || LOVCEN_BENCH_TEXT_DIR="$WORK" "${BENCH:-$REPO/build/segment_bench}"
n=0
run() { # name args...
  local name=$1; shift
  # A news file as one paragraph with rules that rarely break is quadratic
  # (the window doubles): not compared.
  if [[ $name == news.*.user-only.par ]]; then return; fi
  if [[ -n ${SKIP_DONE:-} && -f "$OUT/$name.err" ]]; then n=$((n+1)); return; fi
  "$BIN" segment "$@" > "$OUT/$name.out" 2> "$OUT/$name.err"; echo "rc=$?" >> "$OUT/$name.err"; n=$((n+1))
}
for input in corpora_all news.en news.de news.cnr-Latn random; do
  for lang in en de cnr-Latn cnr-Cyrl; do
    for cfg in default okapi loomchild user-extend user-only; do
      case $cfg in
        default) s=();; okapi) s=(--srx $SH/okapi-defaultSegmentation.srx);;
        loomchild) s=(--srx $SH/loomchild-default.srx);;
        user-extend) s=(--srx user.srx --srx-extend);; user-only) s=(--srx user.srx);;
      esac
      run "$input.$lang.$cfg.lines" "$input.txt" --lang $lang "${s[@]}"
      run "$input.$lang.$cfg.par" "$input.txt" --lang $lang --paragraphs "${s[@]}"
      run "$input.$lang.$cfg.json" "$input.txt" --lang $lang --json "${s[@]}"
    done
  done
done
for f in "$REPO"/corpora/*/*.txt "$REPO"/corpora/incoming/*.txt; do
  b=$(basename "$f" .txt); lang=${b##*.}
  run "art.$b.lines" "$f" --lang "$lang"
  run "art.$b.json" "$f" --lang "$lang" --json
done
echo "$n outputs"
