#!/usr/bin/env bash
# The README's main command: build, generate the demo evidence, and analyze it into ./demo-case.
# SigmaHQ's rules are used too when a checkout of them sits at ../shared/data/sigma/rules (or SIGMA_RULES).
set -euo pipefail
cd "$(dirname "$0")/../.."
npm run build --silent
node dist/examples/demo/generate.js examples/demo/out
rm -rf demo-case
rules=()
sigma="${SIGMA_RULES:-../shared/data/sigma/rules}"
[ -d "$sigma" ] && rules=(--rules "$sigma")
node dist/src/cli/main.js analyze examples/demo/out/logs examples/demo/out/samples --case demo-case --actors examples/demo/actors.yaml "${rules[@]}" "$@"
