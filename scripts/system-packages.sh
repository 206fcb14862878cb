#!/usr/bin/env bash
# The Debian packages the project's tests need, installed when missing (as root, or with sudo):
# xmllint (libxml2-utils) checks JUnit reports against schemas/junit.xsd, and chromium renders
# the HTML report. Run by `npm test` (pretest) and by .ci/run.
set -u
command -v xmllint >/dev/null && command -v chromium >/dev/null && exit 0
sudo=$([ "$(id -u)" -eq 0 ] || echo sudo)
if [ -n "$sudo" ] && ! command -v sudo >/dev/null; then
  echo "the tests need xmllint and chromium: install the Debian packages libxml2-utils and chromium (as root)" >&2
  exit 1
fi
echo "installing the Debian packages libxml2-utils and chromium, which the tests need" >&2
$sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxml2-utils chromium >/dev/null
