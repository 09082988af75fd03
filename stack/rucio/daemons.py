"""Runs the Rucio daemons a rule needs to reach OK without FTS: judge-evaluator, conveyor submitter, poller and
finisher, with the copying transfertool; and abacus-account, which turns the account counters queued by new locks
into the usage that quotas and `/accounts/<a>/usage/local` report (without it every account shows 0 bytes), and
judge-cleaner, which removes expired rules so uploads with a lifetime give their quota back. ``--loop`` repeats a round every few seconds (the stack runs it so);
without it one round runs and the process exits.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import copytool

copytool.register()

# Rucio's daemons import after the copy tool is registered, so they see it as a transfer tool.
from rucio.daemons.abacus import account as abacus_account  # noqa: E402
from rucio.daemons.conveyor import finisher, poller, submitter  # noqa: E402
from rucio.daemons.judge import cleaner, evaluator  # noqa: E402


def one_round() -> None:
    evaluator.run(once=True)
    submitter.run(once=True, group_bulk=100)
    poller.run(once=True, older_than=0)
    finisher.run(once=True)
    # rule_cleaner/account_update, not run(): run() re-initialises logging every round.
    cleaner.rule_cleaner(once=True)
    abacus_account.account_update(once=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--loop", action="store_true")
    parser.add_argument("--every", type=float, default=3.0, help="seconds between rounds in --loop mode")
    args = parser.parse_args()
    logging.getLogger().setLevel(logging.WARNING)
    while True:
        started = time.monotonic()
        try:
            one_round()
        except Exception:
            logging.getLogger("escape.daemons").exception("daemon round failed")
        if not args.loop:
            return
        time.sleep(max(0.5, args.every - (time.monotonic() - started)))


if __name__ == "__main__":
    main()
