#!/usr/bin/env bash
# Install front-end libraries from the npm registry and copy the files we serve into
# fazhi/static/vendor/. Nothing is loaded from a CDN at run time.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v npm >/dev/null; then
  echo "npm 未安装：正在通过 apt 安装 nodejs/npm …" >&2
  apt-get install -y -qq nodejs npm >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq nodejs npm; }
fi
npm install --no-audit --no-fund --silent
dest=fazhi/static/vendor
mkdir -p "$dest"
cp node_modules/htmx.org/dist/htmx.min.js "$dest/htmx.min.js"
cp node_modules/echarts/dist/echarts.min.js "$dest/echarts.min.js"
echo "assets installed in $dest"
