"""Is TOPCAT registered with the hub whose lockfile is argv[1]? Prints the hub URL and TOPCAT's client id.
Standard library only (runs before the project's venv exists); exit 1 when not."""

import sys
import xmlrpc.client


def main(lockfile: str) -> int:
    try:
        with open(lockfile, encoding="utf-8") as fh:
            lock = dict(line.strip().split("=", 1) for line in fh if "=" in line and not line.startswith("#"))
    except OSError:
        print(f"SAMP hub not running (no lockfile {lockfile})")
        return 1
    url = lock.get("samp.hub.xmlrpc.url", "").replace("\\", "")
    hub = xmlrpc.client.ServerProxy(url).samp.hub
    try:
        key = hub.register(lock["samp.secret"])["samp.private-key"]
    except (OSError, xmlrpc.client.Error, KeyError) as exc:
        print(f"SAMP hub at {url} does not answer ({exc})")
        return 1
    try:
        topcat = [
            c
            for c in hub.getRegisteredClients(key)
            if (hub.getMetadata(key, c).get("samp.name") or "").lower() == "topcat"
        ]
    finally:
        hub.unregister(key)
    if not topcat:
        print(f"SAMP hub at {url}, TOPCAT not registered (yet)")
        return 1
    print(f"SAMP hub {url} with TOPCAT ({topcat[0]})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
