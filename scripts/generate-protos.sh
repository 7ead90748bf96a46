#!/usr/bin/env bash
# Regenerates Sources/DutyModel/Generated/*.pb.swift from Sources/DutyModel/Proto/*.proto.
# Needs protoc (Debian: protobuf-compiler) and protoc-gen-swift built from the
# swift-protobuf version Package.swift names:
#   git clone https://github.com/apple/swift-protobuf && cd swift-protobuf &&
#   git checkout 1.39.0 && swift build -c release --product protoc-gen-swift
# then: PROTOC_GEN_SWIFT=/path/to/.build/release/protoc-gen-swift scripts/generate-protos.sh
# The generated code is committed so a normal build needs neither tool.
set -euo pipefail
cd "$(dirname "$0")/.."
plugin=${PROTOC_GEN_SWIFT:-$(command -v protoc-gen-swift || true)}
[ -x "$plugin" ] || { echo "set PROTOC_GEN_SWIFT to the protoc-gen-swift binary" >&2; exit 2; }
mkdir -p Sources/DutyModel/Generated
protoc --plugin=protoc-gen-swift="$plugin" --swift_opt=Visibility=Public \
  --swift_out=Sources/DutyModel/Generated -I Sources/DutyModel/Proto Sources/DutyModel/Proto/*.proto
echo "generated: $(ls Sources/DutyModel/Generated)"
