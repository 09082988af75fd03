"""The local data lake's Rucio policy package (``[policy] package = escape_policy``).

Rucio's generic policy lets any account register replicas on user and scratch disks, but only root or admins may
change a replica's state there. The standard ``rucio upload`` registers the replica first (state COPYING) and marks
it AVAILABLE once the bytes are written, so with the generic policy the CLI fails for ordinary users ("Account jdoe
can not update file replicas state on ESCAPE_USERDISK"). Experiment policy packages, ESCAPE's among them, close that
gap; this one changes only that rule and leaves every other decision to the generic policy.
"""

SUPPORTED_VERSION = [">=41,<42"]
