#!/usr/bin/env bash
# Makes sure the system packages the tests need are installed (Debian 12):
#   chromium        the browser the e2e tests drive (/usr/bin/chromium)
#   postgresql      initdb and pg_ctl, for the throwaway test cluster
#   fonts-noto-cjk  a complete CJK font, for generated PDFs
# Idempotent and quiet: prints nothing when everything is already there.
set -euo pipefail

missing=()

[[ -x /usr/bin/chromium ]] || missing+=(chromium)

have_postgres=false
for bin in /usr/lib/postgresql/*/bin; do
  if [[ -x "$bin/initdb" && -x "$bin/pg_ctl" ]]; then
    have_postgres=true
    break
  fi
done
$have_postgres || missing+=(postgresql)

# fc-list may be absent on a minimal machine; dpkg knows either way.
if ! dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q 'install ok installed'; then
  missing+=(fonts-noto-cjk)
fi

if ((${#missing[@]} == 0)); then
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "install-test-deps: missing ${missing[*]}; run as root, or: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "install-test-deps: installing ${missing[*]} ..." >&2
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! { apt-get update -qq && apt-get install -y -qq "${missing[@]}"; } >"$log" 2>&1; then
  cat "$log" >&2
  echo "install-test-deps: apt-get failed installing ${missing[*]}" >&2
  exit 1
fi
# Debian's postgresql package creates and starts a default cluster on port 5432;
# the tests never use it (they start their own), so leave it as installed.
echo "install-test-deps: installed ${missing[*]}" >&2
