#!/usr/bin/env bash
# Builds bench/target/experiments/vault-pool.jar against the libraries inside testapp.jar. Used by
# `bench/run.sh --experiment=vault-pool` (the app is then started through Spring Boot's PropertiesLauncher
# with -Dloader.path pointing at this jar). Not part of the app.
set -euo pipefail
cd "$(dirname "$0")/../../.."
out=bench/target/experiments/vault-pool
rm -rf "$out" && mkdir -p "$out/lib" "$out/classes"
(cd "$out/lib" && jar xf "$OLDPWD/testapp/target/testapp.jar" BOOT-INF/lib)
javac -nowarn -proc:none -d "$out/classes" -cp "$(find "$out/lib" -name '*.jar' | tr '\n' ':')" \
	$(find bench/experiments/vault-pool/src -name '*.java')
cp -r bench/experiments/vault-pool/src/META-INF "$out/classes/"
jar cf bench/target/experiments/vault-pool.jar -C "$out/classes" .
echo bench/target/experiments/vault-pool.jar
