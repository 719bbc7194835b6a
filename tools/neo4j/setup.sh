#!/usr/bin/env bash
# Resolves the classpath of Launcher.java (Neo4j 5.26 Community via neo4j-harness, plus the open
# Graph Data Science 2.13 modules) into cp.txt, all from Maven Central as pom.xml lists them.
# Idempotent: does nothing when cp.txt exists, matches pom.xml and every jar it lists is present.
# Artifacts are cached in ~/.m2 (Maven's default), so a second machine setup costs one download.
set -euo pipefail
cd "$(dirname "$0")"
command -v java >/dev/null || { echo "setup.sh: java (17+) is required: apt-get install -y openjdk-17-jdk-headless" >&2; exit 1; }
command -v mvn >/dev/null || { echo "setup.sh: maven is required: apt-get install -y maven" >&2; exit 1; }

# Two test runs starting at once must not both write cp.txt.
exec 9>"${TMPDIR:-/tmp}/litgraph-neo4j-setup.lock"
flock 9

stamp="$(sha1sum pom.xml | cut -d' ' -f1)"
if [[ -s cp.txt && -f cp.txt.stamp && "$(cat cp.txt.stamp)" == "$stamp" ]]; then
  missing=0
  # cp.txt has no final newline, so read returns 1 at its end: not an error here.
  IFS=':' read -ra jars < cp.txt || true
  for jar in "${jars[@]}"; do [[ -f "$jar" ]] || { missing=1; break; }; done
  [[ $missing == 0 ]] && exit 0
fi

# Write to a temp file first so a concurrent reader never sees a half-written classpath.
mvn -q -B -Dstyle.color=never dependency:build-classpath -Dmdep.outputFile=cp.txt.tmp
mv cp.txt.tmp cp.txt
echo "$stamp" > cp.txt.stamp
echo "setup.sh: Neo4j classpath ready in $(pwd)/cp.txt ($(tr ':' '\n' < cp.txt | wc -l) jars)" >&2
