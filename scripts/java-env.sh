# Sourced by the launcher and the test script: makes sure JAVA_HOME points at a JDK >= 21.
# The machine's default java may be older (Debian 12 ships 17); we then look for a newer one.

llmopt_java_major() {
  # prints the major version of the java binary given as $1, or 0
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}

llmopt_pick_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" $(command -v java >/dev/null 2>&1 && dirname "$(dirname "$(readlink -f "$(command -v java)")")") \
      /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(llmopt_java_major "$candidate/bin/java")
    if [ "${major:-0}" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "llmopt: needs a JDK 21 or newer; install one (e.g. 'apt-get install openjdk-21-jdk' or Temurin 21) or set JAVA_HOME" >&2
  return 1
}

# Maven's bundled Guava calls sun.misc.Unsafe, which JDK 24+ warns about on every build; the
# warning says nothing about llmopt, so it is silenced when the chosen JDK knows the flag.
llmopt_quiet_maven() {
  local major
  major=$(llmopt_java_major "$JAVA_HOME/bin/java")
  if [ "${major:-0}" -ge 23 ] 2>/dev/null; then
    case " ${MAVEN_OPTS:-} " in
      *sun-misc-unsafe-memory-access*) ;;
      *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
    esac
  fi
}
