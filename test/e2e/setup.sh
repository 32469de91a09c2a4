#!/usr/bin/env bash
# Installs what the editor end-to-end tests need, when it is missing:
#   - Debian packages: neovim (test/e2e/nvim.mjs); chromium, ripgrep, libkrb5-dev (code-server);
#   - code-server 4.100.3 and playwright-core, into a cache folder OUTSIDE the repository
#     ($ROUTEGUARD_E2E_CACHE, default ~/.cache/routeguard-e2e; ≈2 minutes the first time).
# Idempotent: a second run installs nothing. Usage: bash test/e2e/setup.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo

need=()
command -v nvim >/dev/null || need+=(neovim)
command -v chromium >/dev/null || need+=(chromium)
command -v rg >/dev/null || need+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
if [ ${#need[@]} -gt 0 ]; then
  echo "e2e setup: installing ${need[*]}"
  # One repository failing its update (e.g. a signature check) leaves the others usable.
  $SUDO apt-get update -qq || echo "e2e setup: apt-get update reported errors; installing from the lists available"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

CACHE=${ROUTEGUARD_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/routeguard-e2e}
MARK="$CACHE/code-server/.routeguard-installed-4.100.3"
if [ ! -f "$MARK" ]; then
  echo "e2e setup: installing code-server into $CACHE/code-server"
  bash "$here/install-code-server.sh" "$CACHE/code-server"
  touch "$MARK"
fi
echo "e2e setup: ready (nvim $(nvim --version | head -1 | cut -d' ' -f2), chromium, code-server in $CACHE/code-server)"
