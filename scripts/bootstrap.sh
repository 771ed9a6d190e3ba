#!/usr/bin/env bash
# Create .venv and install Fazhi with its test and security-check dependencies (schemathesis for the
# API fuzz test, pip-audit, bandit). On a fresh Debian machine this
# installs python3-venv first when the interpreter cannot create virtual environments.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-}
if [ -z "$PY" ]; then
  for cand in python3.11 python3.12 python3.13 python3; do
    if command -v "$cand" >/dev/null; then PY=$cand; break; fi
  done
fi
if [ -z "$PY" ]; then
  echo "未找到 python3，正在通过 apt 安装 …" >&2
  apt-get update -qq && apt-get install -y -qq python3 python3-venv python3-pip
  PY=python3
fi
if [ ! -x .venv/bin/python ]; then
  if ! "$PY" -m venv .venv 2>/dev/null; then
    echo "python3-venv 缺失，正在通过 apt 安装 …" >&2
    rm -rf .venv
    apt-get update -qq && apt-get install -y -qq python3-venv
    "$PY" -m venv .venv
  fi
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test,security]'
