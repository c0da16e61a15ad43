#!/usr/bin/env bash
# Prints Config/firewatch.yaml as installed (make install, the .deb): definitions and seeds under
# /usr/share/firewatch, the database under /var/lib/firewatch. One list, so the two cannot drift.
set -euo pipefail
cd "$(dirname "$0")/.."
sed -e 's|definitions: \[Devices\]|definitions: [/usr/share/firewatch/Devices]|' \
    -e 's|sqlite: run/firewatch.sqlite|sqlite: /var/lib/firewatch/firewatch.sqlite|' \
    -e 's|: seeds/|: /usr/share/firewatch/seeds/|' \
    Config/firewatch.yaml
