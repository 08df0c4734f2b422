#!/usr/bin/env bash
# Same as `./ccpairs stack status` from the repository root; extra arguments are passed on.
set -euo pipefail
exec "$(cd "$(dirname "$0")/../.." && pwd)/ccpairs" stack status "$@"
