#!/usr/bin/env bash
# Fetches ONNX Runtime's native library (libonnxruntime.so.1) from the npm package onnxruntime-node,
# pinned by version and by the tarball's sha256, and extracts it into .tools/onnxruntime/.
# The tarball is cached under ${EDGE_CACHE_DIR:-$HOME/.cache/edgesdk} so that repeated runs are offline.
set -euo pipefail

ORT_VERSION="1.30.0"
ORT_TARBALL_SHA256="6e3390d6b783e7be946fad629292799da28d0b42f84856e50d2c1b0383291e75"
ORT_LIBRARY_SHA256="ffb75a925ba05e47b235bb66e3e3911714a80b328a9c9425539feb204aa32a23"

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${EDGE_CACHE_DIR:-$HOME/.cache/edgesdk}"
dest="$repo/.tools/onnxruntime/linux-x64"
tarball="$cache/onnxruntime-node-$ORT_VERSION.tgz"

if [[ -f "$dest/libonnxruntime.so.1" ]] && echo "$ORT_LIBRARY_SHA256  $dest/libonnxruntime.so.1" | sha256sum -c --status; then
  echo "onnxruntime $ORT_VERSION: $dest/libonnxruntime.so.1 (up to date)"
  exit 0
fi

mkdir -p "$cache" "$dest"
if [[ ! -f "$tarball" ]] || ! echo "$ORT_TARBALL_SHA256  $tarball" | sha256sum -c --status; then
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "onnxruntime-node@$ORT_VERSION" >/dev/null)
  if ! echo "$ORT_TARBALL_SHA256  $work/onnxruntime-node-$ORT_VERSION.tgz" | sha256sum -c --status; then
    echo "error EDGE3002: onnxruntime-node-$ORT_VERSION.tgz does not match the pinned sha256 $ORT_TARBALL_SHA256" >&2
    exit 1
  fi
  mv "$work/onnxruntime-node-$ORT_VERSION.tgz" "$tarball"
fi

tmp="$(mktemp -d)"
tar -xzf "$tarball" -C "$tmp" package/bin/napi-v6/linux/x64/libonnxruntime.so.1
if ! echo "$ORT_LIBRARY_SHA256  $tmp/package/bin/napi-v6/linux/x64/libonnxruntime.so.1" | sha256sum -c --status; then
  echo "error EDGE3002: libonnxruntime.so.1 inside the tarball does not match the pinned sha256" >&2
  exit 1
fi
mv -f "$tmp/package/bin/napi-v6/linux/x64/libonnxruntime.so.1" "$dest/libonnxruntime.so.1.tmp"
mv -f "$dest/libonnxruntime.so.1.tmp" "$dest/libonnxruntime.so.1"
rm -rf "$tmp"
echo "onnxruntime $ORT_VERSION: $dest/libonnxruntime.so.1"
