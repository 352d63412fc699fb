#!/usr/bin/env bash
# The main job on the bundled corpora: install what is missing, build, build a
# TM from corpora/, and show what it holds (stats and a concordance search).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh --target lovcen

out=out
mkdir -p "$out"
db="$out/corpora.db"
rm -f "$db" "$db-wal" "$db-shm"
lovcen=./build/lovcen

echo "== building a translation memory from corpora/"
"$lovcen" --db "$db" import corpora/*/*.tsv
echo
echo "== what it holds"
"$lovcen" --db "$db" stats
echo
echo "== concordance: where the TM says 'Moskv' (any inflected form) in cnr-Latn"
"$lovcen" --db "$db" search Moskv --lang cnr-Latn --mode prefix --limit 3
