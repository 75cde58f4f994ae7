#!/usr/bin/env bash
# Packs the `edgesdk` .NET tool (EdgeSdk.Cli) and the `dotnet new` template package (EdgeSdk.Templates) into
# artifacts/packages/, beside the SDK that eng/pack.sh packs. Kept apart from pack.sh's SDK and ONNX Runtime steps.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
version="$(sed -n 's:.*<EdgeSdkVersion Condition=[^>]*>\(.*\)</EdgeSdkVersion>.*:\1:p' Directory.Build.props | head -n1)"
mkdir -p artifacts/packages
rm -f "artifacts/packages/EdgeSdk.Cli.$version.nupkg" "artifacts/packages/EdgeSdk.Templates.$version.nupkg"
dotnet pack tasks/EdgeSdk.Cli/EdgeSdk.Cli.csproj -c Release -o artifacts/packages -nologo -v:q "$@"
echo "packed: artifacts/packages/EdgeSdk.Cli.$version.nupkg"
if [[ -f templates/EdgeSdk.Templates.csproj ]]; then
  dotnet pack templates/EdgeSdk.Templates.csproj -c Release -o artifacts/packages -nologo -v:q "$@"
  echo "packed: artifacts/packages/EdgeSdk.Templates.$version.nupkg"
fi
