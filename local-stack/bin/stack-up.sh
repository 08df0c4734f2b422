#!/usr/bin/env bash
# Same as `./ccpairs stack up` from the repository root; extra arguments are passed on.
set -euo pipefail
exec "$(cd "$(dirname "$0")/../.." && pwd)/ccpairs" stack up "$@"
