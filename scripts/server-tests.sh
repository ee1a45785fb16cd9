#!/usr/bin/env bash
# npm run test:server: the server contract tests (tests/server) in a private network and mount namespace of their own,
# so the pods' veth pairs, the local PostgreSQL and their addresses never touch the machine's network. Without root
# the tests still run and report every case as skipped, with the reason.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${DITTOFS_SERVER_SANDBOX:-}" != 1 ] && [ "$(id -u)" = 0 ] && command -v unshare >/dev/null && command -v ip >/dev/null; then
  exec unshare --net --mount --fork -- env DITTOFS_SERVER_SANDBOX=1 bash "$0" "$@"
fi
if [ "${DITTOFS_SERVER_SANDBOX:-}" = 1 ]; then
  mount --make-rprivate /
  # Named network namespaces live in /run/netns: a private one, so parallel runs cannot see each other's.
  mkdir -p /run/netns
  mount -t tmpfs -o mode=0755 netns /run/netns
  ip link set lo up
  # Routes between the pods' namespaces and the database's, inside this private namespace only.
  sysctl -qw net.ipv4.ip_forward=1
fi
exec npx mocha --config .mocharc.server.json "$@"
