#!/usr/bin/env bash
# Every test: unit tests, ONNX conformance, and integration tests that build sample projects against the
# freshly packed SDK in real `dotnet build` processes. Installs what the tests need (Debian's
# libonnx-testdata and chromium) when missing; ONNX Runtime comes from NuGet.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
start=$(date +%s)
if [[ -x eng/install-test-deps.sh ]]; then ./eng/install-test-deps.sh; fi
dotnet build EdgeSdk.sln -c Release -nologo -v:q
./eng/pack.sh
status=0
for project in tests/*/*.Tests.csproj; do
  echo "=== $project"
  dotnet test "$project" -c Release --no-build -nologo --results-directory artifacts/test-results || status=1
done
echo "test.sh: $(( $(date +%s) - start )) s, status $status"
exit $status
