# Chromium for the console's browser tests (packages/api/test/browser): Debian's `chromium`
# package, driven by playwright-core. Source it after setup.sh (for `log`); do not run it.
# Usage: source scripts/lib/chromium.sh && ensure_chromium   # idempotent: installs nothing when present

CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"

ensure_chromium() {
  if [ -x "$CHROMIUM_PATH" ]; then
    return 0
  fi
  if [ "$(id -u)" -ne 0 ]; then
    log "chromium is missing at $CHROMIUM_PATH. Install it (Debian: sudo apt-get install -y chromium) or set CHROMIUM_PATH."
    return 1
  fi
  log "installing chromium with apt-get"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  if [ ! -x "$CHROMIUM_PATH" ]; then
    log "apt-get installed chromium but $CHROMIUM_PATH is not there"
    return 1
  fi
}
