# Paths and settings of the rucio component (sourced by up/down/status after lib/common.sh).
RUCIO_STATE="${STATE_DIR:-$STATE_ROOT/rucio}"
RUCIO_VENV="$RUCIO_STATE/venv"
RUCIO_ETC="$RUCIO_STATE/etc"
RUCIO_RSE_ROOT="$RUCIO_STATE/rse"
RUCIO_HERE="$STACK_DIR/rucio"
RUCIO_PKI="$RUCIO_STATE/pki"
export ESCAPE_RUCIO_PKI="$RUCIO_PKI"
export RUCIO_CONFIG="$RUCIO_ETC/rucio.cfg"
# The local policy package (escape_policy) for the server and the daemons.
export PYTHONPATH="$RUCIO_HERE/policy${PYTHONPATH:+:$PYTHONPATH}"
export ESCAPE_RUCIO_STATE="$RUCIO_STATE"
# shellcheck source=rucio.env
. "$RUCIO_HERE/rucio.env"

