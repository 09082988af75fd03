"""The https WebDAV door of the local data lake: one WsgiDAV server, one share per RSE folder.

WsgiDAV answers a PUT into a missing folder with 409, which Rucio's webdav plugin reads as "file exists", so a small
middleware creates parent folders before a PUT reaches WsgiDAV.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from urllib.parse import unquote

from cheroot import wsgi
from cheroot.ssl.builtin import BuiltinSSLAdapter
from wsgidav.wsgidav_app import WsgiDAVApp


class CreateParentsOnPut:
    def __init__(self, app, shares: dict[str, str]):
        self.app = app
        self.shares = shares

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") in ("PUT", "MOVE", "COPY"):
            path = unquote(environ.get("PATH_INFO", ""))
            for share, root in self.shares.items():
                if path.startswith(share + "/"):
                    target = (Path(root) / path[len(share) + 1 :]).resolve()
                    if Path(root).resolve() in target.parents:
                        target.parent.mkdir(parents=True, exist_ok=True)
        return self.app(environ, start_response)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--share", action="append", default=[], help="/name=/folder")
    args = parser.parse_args()
    shares = dict(item.split("=", 1) for item in args.share)
    # Stored files are readable by every local user (up.sh runs with umask 077 for its secrets): the mounted RSE is
    # read in place by each hub user's server, as a shared POSIX mount of a real data lake is.
    os.umask(0o022)
    for folder in shares.values():
        os.makedirs(folder, exist_ok=True)
    config = {
        "host": "127.0.0.1",
        "port": args.port,
        "provider_mapping": shares,
        "simple_dc": {"user_mapping": {"*": True}},  # loopback test storage: anonymous read/write
        "verbose": 1,
        "logging": {"enable_loggers": []},
        "property_manager": True,
        "lock_storage": True,
        "hotfixes": {"re_encode_path_info": True},
    }
    app = CreateParentsOnPut(WsgiDAVApp(config), shares)
    server = wsgi.Server(("127.0.0.1", args.port), app, numthreads=16)
    server.ssl_adapter = BuiltinSSLAdapter(args.cert, args.key)
    try:
        server.start()
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
