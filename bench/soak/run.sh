#!/usr/bin/env bash
# The soak of issue 11: 1,000 hot edits (every 50th first breaks the file, which rolls back) and
# 20 forced restarts (.env saves) through `hotswap run`, under steady loopback load, counting
# requests by phase. It is cmd/hotswap's TestSoak at full size (make test runs it with 100
# edits and 3 restarts). Prints answered/refused/failed per phase, requests refused per
# restart, the restart downtime and the app's RSS after the edits.
set -euo pipefail
cd "$(dirname "$0")/../.."
export HOTSWAP_NODE="${HOTSWAP_NODE:-$(scripts/node.sh lts)}"
HOTSWAP_SOAK_EDITS="${HOTSWAP_SOAK_EDITS:-1000}" HOTSWAP_SOAK_RESTARTS="${HOTSWAP_SOAK_RESTARTS:-20}" \
  go test -count=1 -v -run '^TestSoak$' -timeout 20m ./cmd/hotswap | grep -E 'run_soak_test|^(---|ok|FAIL)'
