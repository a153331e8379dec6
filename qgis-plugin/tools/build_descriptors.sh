#!/usr/bin/env bash
# Compiles the GisBridge protocol (and the standard gRPC health protocol) into one descriptor set that the QGIS
# plugin loads at run time: no generated _pb2 code, so the plugin works with any grpcio/protobuf the host QGIS has.
# Uses protoc from the NuGet cache (Grpc.Tools), which the server build restores anyway.
# Usage: build_descriptors.sh [OUT.desc]   (default: qgis-plugin/gisbridge/generated/gisbridge.desc)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
tools="${GRPC_TOOLS_DIR:-${NUGET_PACKAGES:-$HOME/.nuget/packages}/grpc.tools/2.85.0}"
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) platform=linux_x64 ;;
  Linux-aarch64) platform=linux_arm64 ;;
  Darwin-*) platform=macosx_x64 ;;
  *) platform=linux_x64 ;;
esac
protoc="${PROTOC:-$tools/tools/$platform/protoc}"
include="$tools/build/native/include"
if [[ ! -x "$protoc" ]]; then
  echo "error: protoc not found at $protoc; run 'dotnet restore GisBridge.sln' (restores Grpc.Tools 2.85.0) or set PROTOC" >&2
  exit 1
fi
out="${1:-$root/qgis-plugin/gisbridge/generated/gisbridge.desc}"
mkdir -p "$(dirname "$out")"
"$protoc" -I "$root/protos" -I "$include" --include_imports --descriptor_set_out="$out" \
  "$root"/protos/gisbridge/v1/*.proto "$root/protos/grpc/health/v1/health.proto"
echo "wrote $out"
