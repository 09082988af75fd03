"""The identity provider's users (stack/idp/users.json), for the shell scripts and the Rucio seed.

users.json lists named users and a "school": ``{"prefix": "student", "count": 20, ...}`` expands to student01 ...
student20, the load test's room of students (same groups, each with a data-lake account). server.mjs expands it
the same way.

    python3 stack/idp/users.py names          # every username, space-separated
    python3 stack/idp/users.py names --named  # only the named users (not the school)
    python3 stack/idp/users.py names --demo   # the named users the demo shows (not the tests' own, "test": true)
"""

from __future__ import annotations

import json
import sys
import uuid
from pathlib import Path
from typing import Any

USERS_FILE = Path(__file__).with_name("users.json")
SCHOOL_NAMESPACE = uuid.UUID("5c3b7d1e-0e5a-4f2b-9d8c-e5ca9e000000")


def load(*, school: bool = True, tests: bool = True) -> list[dict[str, Any]]:
    data = json.loads(USERS_FILE.read_text())
    users = [u for u in data["users"] if tests or not u.get("test")]
    spec = data.get("school")
    if school and spec:
        for i in range(1, int(spec["count"]) + 1):
            name = f"{spec['prefix']}{i:02d}"
            users.append(
                {
                    "sub": str(uuid.uuid5(SCHOOL_NAMESPACE, name)),
                    "username": name,
                    "name": f"Student {i}",
                    "email": f"{name}@escape.local",
                    "groups": spec["groups"],
                }
            )
    return users


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "names":
        demo = "--demo" in sys.argv
        print(" ".join(u["username"] for u in load(school="--named" not in sys.argv and not demo, tests=not demo)))
    else:
        sys.exit(__doc__)
