#!/usr/bin/env bash
# The README's main command: build, generate the demo evidence, and analyze it into ./demo-case.
# SigmaHQ's rules are used too when a checkout of them sits at ../shared/data/sigma/rules (or SIGMA_RULES).
set -euo pipefail
cd "$(dirname "$0")/../.."
npm run build --silent
node dist/examples/demo/generate.js examples/demo/out
rm -rf demo-case
inputs=(examples/demo/out/logs)
[ -d examples/demo/out/samples ] && inputs+=(examples/demo/out/samples)
args=()
[ -f examples/demo/actors.yaml ] && args+=(--actors examples/demo/actors.yaml)
sigma="${SIGMA_RULES:-../shared/data/sigma/rules}"
[ -d "$sigma" ] && args+=(--rules "$sigma")
node dist/src/cli/main.js analyze "${inputs[@]}" --case demo-case "${args[@]}" "$@"
