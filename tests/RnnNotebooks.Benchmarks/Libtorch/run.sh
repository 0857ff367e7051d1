#!/bin/sh
# Build (once) and run the libtorch reference beside the project's own benchmark. Build it from a copy outside the
# repository (the build output is about 1 GB):  d=$(mktemp -d); cp -r tests/RnnNotebooks.Benchmarks/Libtorch "$d"
# Usage: ./run.sh <threads> [warm] [steps] [model-prefix...]     e.g. HS=100,128 TS=25 BS=1,32 ./run.sh 2 3 15 rnn-nn lstm-nn gru-nn lstm2-nn
# Prints CSV: model,dtype,threads,H,T,B,median_ms,min_ms,chars_per_s,loss_first,loss_last,foreign_load
set -e
cd "$(dirname "$0")"
if [ ! -x bin/Release/net10.0/Bench ]; then
  dotnet build -c Release -nologo -v q >&2
  gcc -shared -fPIC -O2 -o glibcxx-shim/libglibcxx_shim.so glibcxx-shim/shim.c
  sh glibcxx-shim/fix-torchsharp.sh bin/Release/net10.0 >&2
fi
LD_PRELOAD="$PWD/glibcxx-shim/libglibcxx_shim.so" exec bin/Release/net10.0/Bench torch-models "$@"
