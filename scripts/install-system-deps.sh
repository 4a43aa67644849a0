#!/usr/bin/env bash
# Debian/Ubuntu packages Rolecall needs to build and test (run as root or through sudo):
#   gnome-keyring, dbus                  a real keychain for the tests (private D-Bus sessions); the
#                                        keychain module is prebuilt Node-API: nothing to compile
#   awscli                               Debian's AWS CLI v2: reads the profiles we write
#   python3-boto3                        boto3 reads `rolecall exec --server`'s credential endpoint
#   chromium                             renderer tests through playwright-core
#   fish, zsh                            shell-export tests in real shells
#   fonts-ipafont-gothic                 Japanese glyphs in the renderer's screenshots
#   time                                 peak-memory figures in `npm run bench`
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
  gnome-keyring dbus \
  awscli python3-boto3 chromium fish zsh fonts-ipafont-gothic time ca-certificates >/dev/null
