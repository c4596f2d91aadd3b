# shellcheck shell=bash
# The VNC console pages: the noVNC proxy inside compute-api serves Debian's novnc package from
# STRATUS_NOVNC_DIR. `up` installs the package when it is missing (as root, with apt), as
# deploy/guest-image/build installs its tools; without it consoles still connect but the page is a 404.

NOVNC_DIR=${STRATUS_NOVNC_DIR:-/usr/share/novnc}

ensure_novnc() {
  NOVNC_SUMMARY="noVNC pages from $NOVNC_DIR"
  [ -f "$NOVNC_DIR/vnc_lite.html" ] && return 0
  if [ "$NOVNC_DIR" = /usr/share/novnc ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "  installing Debian's novnc (the VNC console pages)"
    [[ $(apt-cache policy novnc 2>/dev/null) == *"Candidate: "[0-9]* ]] || apt-get update -qq >&2 \
      || say "  apt-get update failed"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends novnc >&2 \
      || say "  apt-get install novnc failed"
  fi
  [ -f "$NOVNC_DIR/vnc_lite.html" ] \
    || NOVNC_SUMMARY="no noVNC pages in $NOVNC_DIR (install Debian's novnc): console URLs will not open"
}
