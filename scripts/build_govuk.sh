#!/usr/bin/env bash
# Rebuild static/govuk from the govuk-frontend npm package. The output is committed, so neither
# `make run` nor `make test` needs npm; run this (make assets) to upgrade GOV.UK Frontend.
set -euo pipefail
cd "$(dirname "$0")/.."
version=${GOVUK_FRONTEND_VERSION:-6.6.0}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
( cd "$work" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund "govuk-frontend@$version" sass@1 )
dist="$work/node_modules/govuk-frontend/dist/govuk"
# The node package importer resolves from the stylesheet's folder, so compile a copy beside node_modules.
cp assets/govuk.scss "$work/govuk.scss"
( cd "$work" && ./node_modules/.bin/sass --pkg-importer=node --style=compressed --no-source-map govuk.scss out.css )
cp "$work/out.css" static/govuk/govuk-frontend.min.css
# No source map is shipped: drop the reference so hashed static storage does not look for it.
# The bundle is one line ending in its source-map comment: remove the comment, not the line.
sed 's|//# sourceMappingURL=.*$||' "$dist/govuk-frontend.min.js" > static/govuk/govuk-frontend.min.js
test -s static/govuk/govuk-frontend.min.js || { echo "govuk-frontend.min.js came out empty" >&2; exit 1; }
rm -rf static/govuk/assets && mkdir -p static/govuk/assets/images
# The stylesheet refers to the crest (used only by GOV.UK's own header, not shown here).
cp "$dist/assets/images/favicon.ico" "$dist/assets/images/favicon.svg" "$dist/assets/images/govuk-crest.svg" \
  static/govuk/assets/images/
echo "$version" > static/govuk/VERSION
echo "GOV.UK Frontend $version built into static/govuk"
