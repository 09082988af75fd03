"""Harvests an OAI-PMH publishing registry (ListRecords, metadataPrefix=ivo_vor) into page files.

    python3 harvest.py OAI_URL OUTDIR

Writes OUTDIR/page-000.xml, page-001.xml, ... following resumptionTokens, after removing old pages, for
rr/q.rd's harvest data element. Standard library only; bounded (timeout per request, at most 100 pages).
"""

import glob
import os
import sys
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

OAI_NS = "{http://www.openarchives.org/OAI/2.0/}"
EMPTY_PAGE = '<?xml version="1.0"?>\n<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords/></OAI-PMH>\n'


def harvest(oai_url, outdir, max_pages=100, timeout=60):
    os.makedirs(outdir, exist_ok=True)
    pages = []
    params = {"verb": "ListRecords", "metadataPrefix": "ivo_vor"}
    for _page in range(max_pages):
        url = oai_url + "?" + urllib.parse.urlencode(params)
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            body = resp.read()
        root = ET.fromstring(body)
        err = root.find(OAI_NS + "error")
        if err is not None:
            if err.get("code") == "noRecordsMatch":
                break
            raise SystemExit("OAI-PMH error from {}: {} {}".format(url, err.get("code"), (err.text or "").strip()))
        pages.append(body)
        token = root.find(f".//{OAI_NS}resumptionToken")
        if token is None or not (token.text or "").strip():
            break
        params = {"verb": "ListRecords", "resumptionToken": token.text.strip()}
    else:
        raise SystemExit(f"more than {max_pages} OAI-PMH pages from {oai_url}; refusing to go on")
    for old in glob.glob(os.path.join(outdir, "page-*.xml")):
        os.unlink(old)
    for i, body in enumerate(pages):
        with open(os.path.join(outdir, f"page-{i:03d}.xml"), "wb") as f:
            f.write(body)
    records = sum(body.count(b"<oai:record") + body.count(b"<record") for body in pages)
    print(f"harvested {len(pages)} page(s), about {records} record(s) from {oai_url}")


def write_empty(outdir):
    """An empty ListRecords page, so the registry tables exist before the server first runs."""
    os.makedirs(outdir, exist_ok=True)
    if not glob.glob(os.path.join(outdir, "page-*.xml")):
        with open(os.path.join(outdir, "page-000.xml"), "w") as f:
            f.write(EMPTY_PAGE)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--empty":
        write_empty(sys.argv[2])
    elif len(sys.argv) == 3:
        harvest(sys.argv[1], sys.argv[2])
    else:
        raise SystemExit("usage: harvest.py OAI_URL OUTDIR | harvest.py --empty OUTDIR")
