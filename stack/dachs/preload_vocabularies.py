"""Pre-loads the IVOA vocabularies pyvo downloads into astropy's download cache, so pyvo works offline.

pyvo fetches http://www.ivoa.net/rdf/<name> with astropy.utils.data.download_file(cache=True), e.g. for
pyvo.registry.Waveband ("messenger") and DataLink semantics ("datalink/core"). With the file in the cache
under that URL no network is needed. The cache belongs to the user running Python (~/.astropy/cache or
$XDG_CACHE_HOME/astropy): run this as the user who runs Jupyter/pytest.

    python preload_vocabularies.py [--force]

The shipped files in vocab/ hold the terms of those vocabularies in their "desise" JSON form (file name:
vocabulary path with "/" written as "--").
"""

import glob
import os
import sys

from astropy.utils.data import import_file_to_cache, is_url_in_cache

ROOT = "http://www.ivoa.net/rdf/"


def preload(force=False):
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "vocab")
    loaded = []
    for path in sorted(glob.glob(os.path.join(here, "*.desise"))):
        url = ROOT + os.path.basename(path)[: -len(".desise")].replace("--", "/")
        if force or not is_url_in_cache(url):
            import_file_to_cache(url, path, remove_original=False, replace=True)
            loaded.append(url)
    return loaded


if __name__ == "__main__":
    done = preload(force="--force" in sys.argv)
    print("vocabularies pre-loaded: %s" % (", ".join(done) if done else "already in the cache"))
