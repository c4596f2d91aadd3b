# shellcheck shell=bash
# Picks a JDK of release 21 or newer: JAVA_HOME if it qualifies, else the default java, else the newest
# JDK under /usr/lib/jvm. Exports JAVA_HOME and puts its bin first on PATH.

stratus_java_release() { # $1 = java binary; prints the feature release number
  local v
  v=$("$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')
  echo "${v%%.*}"
}

stratus_select_jdk() {
  local java="" candidate release best_release=0
  for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java 2>/dev/null || true)"; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    release=$(stratus_java_release "$candidate")
    if [ -n "$release" ] && [ "$release" -ge 21 ]; then java=$candidate; break; fi
  done
  if [ -z "$java" ]; then
    for candidate in /usr/lib/jvm/*/bin/java; do
      [ -x "$candidate" ] || continue
      release=$(stratus_java_release "$candidate")
      if [ -n "$release" ] && [ "$release" -ge 21 ] && [ "$release" -gt "$best_release" ]; then
        java=$candidate; best_release=$release
      fi
    done
  fi
  if [ -z "$java" ]; then
    echo "stratus: no JDK 21 or newer found; set JAVA_HOME or install one (apt-get install openjdk-21-jdk-headless)" >&2
    return 1
  fi
  JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$java")")")
  export JAVA_HOME
  export PATH="$JAVA_HOME/bin:$PATH"
}
