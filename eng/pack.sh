#!/usr/bin/env bash
# Packs the EdgeSdk MSBuild SDK into artifacts/packages/ and forgets any extracted copy of the same
# version in the repository's package cache (a re-packed version is otherwise invisible to NuGet).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
version="$(sed -n 's:.*<EdgeSdkVersion Condition=[^>]*>\(.*\)</EdgeSdkVersion>.*:\1:p' Directory.Build.props | head -n1)"
mkdir -p artifacts/packages
rm -f "artifacts/packages/EdgeSdk.$version.nupkg"
dotnet pack sdk/EdgeSdk/EdgeSdk.csproj -c Release -o artifacts/packages -nologo -v:q "$@"
rm -rf "artifacts/nuget-cache/edgesdk/$version"
echo "packed: artifacts/packages/EdgeSdk.$version.nupkg"
./eng/pack-tool-and-templates.sh
