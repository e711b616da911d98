#!/usr/bin/env bash
# The package installs (issue 12, item 9): `npm pack` (its prepack builds), the tarball installed
# into an empty folder like a user would, and the installed `checkout-doctor` runs the demo:
# exit 1 and the finding about the Stripe key that ends with a line break.
# Needs the npm registry for the package's dependencies. Run from the repository root; .ci/run runs
# it after the README's test command.
set -euo pipefail
cd "$(dirname "$0")/.."

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

tarball="$(npm pack --pack-destination "$work" --silent | tail -n 1)"
echo "packed $tarball ($(du -h "$work/$tarball" | cut -f1))"

mkdir "$work/app"
(cd "$work/app" && npm install --no-audit --no-fund --silent "$work/$tarball")

set +e
out="$(cd "$work/app" && LANG=en_US.UTF-8 NO_COLOR=1 ./node_modules/.bin/checkout-doctor diagnose "Racing Club Sévigné" --sandbox 2>&1)"
code=$?
set -e
if [ "$code" -ne 1 ]; then
  echo "$out"
  echo "check-package: the installed checkout-doctor exited with $code, expected 1" >&2
  exit 1
fi
if ! grep -q 'contains a stray character: line break' <<<"$out"; then
  echo "$out"
  echo "check-package: the installed checkout-doctor did not report the key with a line break" >&2
  exit 1
fi
echo "check-package: the installed package runs the demo (exit 1, key with a line break found)"
