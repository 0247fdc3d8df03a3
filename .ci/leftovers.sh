#!/usr/bin/env bash
# Fails when processes started by a test run outlive it. The test command
# marks its environment with ALLMENDE_TEST_RUN=<id>; every process a test
# starts inherits the mark, so any process still carrying it after the run
# is a server a test forgot to stop (a git daemon's child, a Node helper).
# Call it without the mark in its own environment:
#   env -u ALLMENDE_TEST_RUN .ci/leftovers.sh "$ALLMENDE_TEST_RUN"
set -u
mark="ALLMENDE_TEST_RUN=${1:?the run id}"
leftovers() {
  local file pid
  for file in /proc/[0-9]*/environ; do
    pid=${file#/proc/}; pid=${pid%/environ}
    if { tr '\0' '\n' < "$file"; } 2>/dev/null | grep -qx -- "$mark"; then
      echo "$pid"
    fi
  done
}
# Give processes that are stopping a moment to go.
for _ in $(seq 50); do
  pids=$(leftovers)
  [ -z "$pids" ] && exit 0
  sleep 0.1
done
echo "leftovers: the test run left these processes behind:" >&2
for pid in $pids; do
  printf '  %s: %s\n' "$pid" "$({ tr '\0' ' ' < /proc/"$pid"/cmdline; } 2>/dev/null)" >&2
done
kill -9 $pids 2>/dev/null
exit 1
