#!/usr/bin/env bash
# Fresh clone to a working SDK: build everything (ONNX Runtime comes from NuGet), pack the SDK into a
# local feed, build samples/Digits with it and print its report.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
dotnet build EdgeSdk.sln -c Release -nologo -v:q
./eng/pack.sh
dotnet build samples/Digits/Digits.csproj -c Release -nologo
echo
cat samples/Digits/bin/Release/net10.0/edge/digits_cnn/report.md
