"""Hand-written OSSR-like records served by the Zenodo API replay (see zenodo_replay.py).

These are NOT records from Zenodo. They are written by hand in the shape of Zenodo's REST API (legacy record
serializer: metadata, files[] with md5 checksums, relations.version, conceptrecid) and describe made-up but
realistic ESCAPE software and data, so that every OSSR feature can be exercised offline: several versions of one
record, compliant and non-compliant codemeta.json files, an unparsable codemeta.json, a zip release of a
setuptools_scm Python project, a record without files, datasets, and a record outside the community.

File contents are generated here, deterministically, so checksums are stable between runs.
"""

from __future__ import annotations

import copy
import hashlib
import io
import json
import random
import tarfile
import zipfile

COMMUNITY = "escape2020"
CODEMETA_CONTEXT = "https://doi.org/10.5063/schema/codemeta-2.0"

# ---- file contents ---------------------------------------------------------------------------------------------

_FIXED_ZIP_DATE = (2024, 3, 1, 12, 0, 0)


def _zip(entries: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in entries.items():
            info = zipfile.ZipInfo(name, date_time=_FIXED_ZIP_DATE)
            info.external_attr = 0o644 << 16
            zf.writestr(info, text)
    return buf.getvalue()


def _targz(entries: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz", format=tarfile.PAX_FORMAT) as tf:
        for name, text in entries.items():
            data = text.encode()
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = len(data), 1709294400, 0o644
            tf.addfile(info, io.BytesIO(data))
    # gzip embeds a timestamp; zero it so the checksum is stable
    raw = bytearray(buf.getvalue())
    raw[4:8] = b"\0\0\0\0"
    return bytes(raw)


def gammaflow_release(version: str) -> bytes:
    """A GitLab-style release zip of a setuptools_scm project: no .git, so pip needs SETUPTOOLS_SCM_PRETEND_VERSION."""
    top = f"gammaflow-v{version}/"
    return _zip(
        {
            top + "pyproject.toml": (
                "[build-system]\n"
                'requires = ["setuptools>=64", "setuptools_scm>=8"]\n'
                'build-backend = "setuptools.build_meta"\n\n'
                "[project]\n"
                'name = "gammaflow"\n'
                'dynamic = ["version"]\n'
                'description = "Gamma-ray spectral analysis helpers"\n'
                'requires-python = ">=3.9"\n'
                'license = {text = "BSD-3-Clause"}\n\n'
                "[tool.setuptools]\n"
                'packages = ["gammaflow"]\n\n'
                "[tool.setuptools_scm]\n"
            ),
            top + "gammaflow/__init__.py": (
                '"""gammaflow: gamma-ray spectral helpers (sample project of the Zenodo API replay)."""\n'
                "from importlib.metadata import version as _v\n\n"
                '__version__ = _v("gammaflow")\n\n\n'
                "def crab_flux(energy_tev: float) -> float:\n"
                '    """Crab Nebula differential flux (HEGRA log-parabola), cm^-2 s^-1 TeV^-1."""\n'
                "    import math\n"
                "    return 2.83e-11 * energy_tev ** (-2.62 - 0.0 * math.log10(energy_tev))\n"
            ),
            top + "README.md": f"# gammaflow {version}\n\nGamma-ray spectral analysis helpers.\n",
            top + "LICENSE": "BSD 3-Clause License\n\nCopyright (c) 2024, gammaflow developers\n",
        }
    )


def radiocal_tarball() -> bytes:
    top = "radiocal-2.3.1/"
    return _targz(
        {
            top
            + "README.md": "# radiocal\n\nDirection-dependent calibration and imaging pipeline for LOFAR and SKA-Low.\n",
            top + "radiocal/__init__.py": '__version__ = "2.3.1"\n',
            top + "setup.cfg": "[metadata]\nname = radiocal\nversion = 2.3.1\n",
        }
    )


def neutrino_events_csv(rows: int = 2000) -> bytes:
    rng = random.Random(42)
    lines = ["event_id,ra_deg,dec_deg,energy_gev,zenith_deg,reco_quality"]
    for i in range(rows):
        lines.append(
            f"{i},{rng.uniform(0, 360):.4f},{rng.uniform(-90, 90):.4f},"
            f"{10 ** rng.uniform(0, 4):.2f},{rng.uniform(0, 180):.2f},{rng.uniform(0, 1):.3f}"
        )
    return ("\n".join(lines) + "\n").encode()


def crossmatch_csv(rows: int = 500) -> bytes:
    rng = random.Random(7)
    lines = ["lofar_id,hst_id,ra_deg,dec_deg,sep_arcsec,flux_144mhz_mjy,f814w_mag"]
    for i in range(rows):
        lines.append(
            f"ILTJ{i:06d},HST{i:06d},{rng.uniform(150, 151):.5f},{rng.uniform(2, 3):.5f},"
            f"{rng.uniform(0, 2):.2f},{rng.uniform(0.1, 50):.2f},{rng.uniform(18, 27):.2f}"
        )
    return ("\n".join(lines) + "\n").encode()


def _person(given, family, orcid=None, affiliation=None):
    out = {"@type": "Person", "givenName": given, "familyName": family}
    if orcid:
        out["@id"] = f"https://orcid.org/{orcid}"
    if affiliation:
        out["affiliation"] = {"@type": "Organization", "name": affiliation}
    return out


def _codemeta(**terms) -> bytes:
    doc = {"@context": CODEMETA_CONTEXT, "@type": "SoftwareSourceCode", **terms}
    return (json.dumps(doc, indent=2) + "\n").encode()


GAMMAFLOW_AUTHORS = [
    _person("Elena", "Marchetti", "0000-0002-1825-0097", "INAF"),
    _person("Jonas", "Brandt", "0000-0001-5109-3700", "DESY"),
]


def gammaflow_codemeta(version: str, compliant: bool) -> bytes:
    terms = {
        "name": "gammaflow",
        "description": "Gamma-ray spectral and morphological analysis helpers for CTA and LST data.",
        "codeRepository": "https://gitlab.in2p3.fr/escape2020/demo/gammaflow",
        "license": "https://spdx.org/licenses/BSD-3-Clause",
        "author": GAMMAFLOW_AUTHORS,
        "maintainer": GAMMAFLOW_AUTHORS[0],
        "programmingLanguage": "Python",
        "keywords": ["CTA", "gamma-ray", "spectral analysis"],
        "softwareRequirements": ["numpy>=1.24", "astropy>=6.0", "scipy>=1.11"],
        "operatingSystem": ["Linux", "macOS"],
        "runtimePlatform": "Python 3",
        "developmentStatus": "active",
        "dateCreated": "2022-01-10",
        "datePublished": "2024-03-01",
        "issueTracker": "https://gitlab.in2p3.fr/escape2020/demo/gammaflow/-/issues",
        "readme": "https://gitlab.in2p3.fr/escape2020/demo/gammaflow/-/blob/main/README.md",
        "funding": "ESCAPE H2020 grant 824064",
    }
    if compliant:
        terms["softwareVersion"] = f"v{version}"
    else:
        # What real records often do: `version` instead of `softwareVersion`, and no readme.
        terms["version"] = version
        del terms["readme"]
    return _codemeta(**terms)


def file_entry(key: str, data: bytes) -> dict:
    return {"key": key, "data": data, "md5": hashlib.md5(data).hexdigest()}


# ---- records ---------------------------------------------------------------------------------------------------


def _creator(name, orcid=None, affiliation=None):
    out = {"name": name}
    if affiliation:
        out["affiliation"] = affiliation
    if orcid:
        out["orcid"] = orcid
    return out


def _rec(
    recid,
    concept,
    title,
    version,
    date,
    rtype,
    license_id,
    keywords,
    creators,
    description,
    files,
    related=(),
    communities=(COMMUNITY,),
    language="eng",
    notes=None,
):
    return {
        "id": recid,
        "conceptrecid": concept,
        "title": title,
        "version": version,
        "publication_date": date,
        "resource_type": rtype,
        "license": license_id,
        "keywords": list(keywords),
        "creators": list(creators),
        "description": description,
        "files": list(files),
        "related_identifiers": list(related),
        "communities": list(communities),
        "language": language,
        "notes": notes,
    }


def _software():
    return {"type": "software", "title": "Software"}


def _dataset():
    return {"type": "dataset", "title": "Dataset"}


# Zenodo's licence vocabulary (GET /api/licenses), the part the records and the tests use: lower-case SPDX ids
# with their title and URL, in the shape InvenioRDM's vocabulary API answers (hand-written, like the records).
LICENSES = [
    ("mit", "MIT License"),
    ("apache-2.0", "Apache License 2.0"),
    ("bsd-2-clause", 'BSD 2-Clause "Simplified" License'),
    ("bsd-3-clause", 'BSD 3-Clause "New" or "Revised" License'),
    ("gpl-3.0-or-later", "GNU General Public License v3.0 or later"),
    ("gpl-3.0-only", "GNU General Public License v3.0 only"),
    ("lgpl-3.0-or-later", "GNU Lesser General Public License v3.0 or later"),
    ("mpl-2.0", "Mozilla Public License 2.0"),
    ("eupl-1.2", "European Union Public License 1.2"),
    ("cc-by-4.0", "Creative Commons Attribution 4.0 International"),
    ("cc0-1.0", "Creative Commons Zero v1.0 Universal"),
]


def license_vocabulary() -> list[dict]:
    return [
        {
            "id": lid,
            "type": "licenses",
            "title": {"en": title},
            "props": {"scheme": "spdx", "url": f"https://opensource.org/licenses/{lid}"},
        }
        for lid, title in LICENSES
    ]


def build_records() -> list[dict]:
    """Every record the replay serves, in publication order (recids are fixed)."""
    gf_creators = [
        _creator("Marchetti, Elena", "0000-0002-1825-0097", "INAF"),
        _creator("Brandt, Jonas", "0000-0001-5109-3700", "DESY"),
    ]
    gf_related = [
        {
            "identifier": "https://gitlab.in2p3.fr/escape2020/demo/gammaflow",
            "relation": "isDerivedFrom",
            "resource_type": "software",
            "scheme": "url",
        }
    ]
    gf_desc = (
        "<p><strong>gammaflow</strong> provides spectral and morphological analysis helpers for "
        "Imaging Atmospheric Cherenkov Telescopes (CTA, LST-1).</p>"
        "<ul><li>log-parabola and power-law fits</li><li>DL3 event-list helpers</li></ul>"
    )
    records = []
    for recid, version, date, compliant in (
        (7001, "0.9.0", "2023-02-14", False),
        (7002, "1.0.0", "2023-09-20", True),
        (7003, "1.1.0", "2024-03-01", True),
    ):
        records.append(
            _rec(
                recid,
                7000,
                "gammaflow: gamma-ray analysis library",
                f"v{version}",
                date,
                _software(),
                "bsd-3-clause",
                ["CTA", "gamma-ray", "Python", "spectral analysis"],
                gf_creators,
                gf_desc,
                [
                    file_entry("codemeta.json", gammaflow_codemeta(version, compliant)),
                    file_entry(f"gammaflow-v{version}.zip", gammaflow_release(version)),
                ],
                gf_related,
            )
        )

    records.append(
        _rec(
            7011,
            7010,
            "radiocal: direction-dependent calibration and imaging pipeline for LOFAR and SKA-Low",
            "v2.3.1",
            "2023-11-05",
            _software(),
            "apache-2.0",
            ["LOFAR", "SKA", "radio interferometry", "Python", "imaging", "pipeline"],
            [
                _creator("van der Berg, Pieter", "0000-0003-1234-5670", "ASTRON"),
                _creator("Okafor, Adaeze", None, "SKAO"),
            ],
            "<p>End-to-end <em>radio imaging</em> pipeline: flagging, direction-dependent calibration, "
            "w-stacking imaging.</p><script>alert('not sanitised')</script>"
            '<p><a href="https://example.org/docs" onclick="steal()">Documentation</a></p>',
            [
                file_entry(
                    "codemeta.json",
                    _codemeta(
                        name="radiocal",
                        description="Direction-dependent calibration and imaging for LOFAR and SKA-Low.",
                        codeRepository="https://github.com/escape-demo/radiocal",
                        license="https://spdx.org/licenses/Apache-2.0",
                        softwareVersion="v2.3.1",
                        readme="https://github.com/escape-demo/radiocal#readme",
                        maintainer=_person("Pieter", "van der Berg", "0000-0003-1234-5670", "ASTRON"),
                        author=[
                            _person("Pieter", "van der Berg", "0000-0003-1234-5670", "ASTRON"),
                            _person("Adaeze", "Okafor", None, "SKAO"),
                        ],
                        programmingLanguage=["Python", "C++"],
                        keywords=["LOFAR", "SKA", "calibration"],
                        softwareRequirements=["python-casacore>=3.5", "numpy>=1.24"],
                        developmentStatus="active",
                        dateCreated="2020-06-01",
                        datePublished="2023-11-05",
                        operatingSystem="Linux",
                    ),
                ),
                file_entry("radiocal-2.3.1.tar.gz", radiocal_tarball()),
            ],
            [
                {
                    "identifier": "https://github.com/escape-demo/radiocal",
                    "relation": "isSupplementTo",
                    "resource_type": "software",
                    "scheme": "url",
                }
            ],
        )
    )

    records.append(
        _rec(
            7021,
            7020,
            "vohelper: Virtual Observatory helpers for TAP, ADQL and DataLink",
            "0.4.2",
            "2024-01-15",
            _software(),
            "mit",
            ["VO", "IVOA", "TAP", "ADQL", "Python"],
            [_creator("Dubois, Claire", "0000-0002-9079-593X", "CDS"), _creator("ESCAPE WP4 team")],
            "<p>Small helpers around pyvo: service discovery, ADQL templates, DataLink cutouts.</p>",
            [
                file_entry(
                    "codemeta.json",
                    _codemeta(
                        # Non-compliant on purpose: no licence, no readme, no softwareVersion, an author without names.
                        name="vohelper",
                        description="Virtual Observatory helpers",
                        codeRepository="github.com/escape-demo/vohelper",
                        version="0.4.2",
                        author=[{"@type": "Person", "name": "Claire Dubois"}],
                        programmingLanguage="Python",
                        unknownTerm="kept to show unknown keys are reported",
                    ),
                ),
                file_entry("vohelper-0.4.2-py3-none-any.whl", b"PK\x05\x06" + b"\0" * 18),
            ],
            [
                {
                    "identifier": "https://github.com/escape-demo/vohelper",
                    "relation": "isSupplementTo",
                    "resource_type": "software",
                    "scheme": "url",
                }
            ],
        )
    )

    records.append(
        _rec(
            7031,
            7030,
            "KM3NeT ORCA simulated neutrino events: open data sample",
            "1",
            "2022-06-30",
            _dataset(),
            "cc-by-4.0",
            ["KM3NeT", "neutrino", "open data", "simulation"],
            [_creator("KM3NeT Collaboration")],
            "<p>2000 simulated neutrino events (reconstructed direction, energy, quality) for teaching.</p>",
            [
                file_entry("orca_events.csv", neutrino_events_csv()),
                file_entry(
                    "README.md", b"# ORCA sample\n\nColumns: event_id, ra_deg, dec_deg, energy_gev, zenith_deg.\n"
                ),
            ],
        )
    )

    records.append(
        _rec(
            7041,
            7040,
            "km3display: C++ event display for KM3NeT",
            "v3.0.0",
            "2023-05-02",
            _software(),
            "lgpl-3.0",
            ["KM3NeT", "C++", "event display", "ROOT"],
            [_creator("Rossi, Marco", "0000-0001-7777-2222", "INFN")],
            "<p>Interactive 3D event display built on ROOT.</p>",
            [
                file_entry(
                    "codemeta.json",
                    b'{"@context": "https://doi.org/10.5063/schema/codemeta-2.0",\n'
                    b' "@type": "SoftwareSourceCode", "name": "km3display",, }\n',
                ),
                file_entry(
                    "km3display-3.0.0.tar.gz",
                    _targz({"km3display-3.0.0/CMakeLists.txt": "cmake_minimum_required(VERSION 3.16)\n"}),
                ),
            ],
            language="eng",
        )
    )

    records.append(
        _rec(
            7051,
            7050,
            "ESCAPE data science school notebooks",
            "2024.1",
            "2024-02-10",
            _software(),
            "mit",
            ["training", "Jupyter", "Python", "school", "VO"],
            [_creator("Garcia, Lucia", "0000-0003-2222-4444", "LAPP")],
            "<p>Notebooks of the ESCAPE data science school, runnable on Binder.</p>",
            [
                file_entry(
                    "codemeta.json",
                    _codemeta(
                        name="escape-school-notebooks",
                        description="Notebooks of the ESCAPE data science school.",
                        codeRepository="https://github.com/escape-demo/school",
                        license="https://spdx.org/licenses/MIT",
                        softwareVersion="2024.1",
                        readme="https://github.com/escape-demo/school#readme",
                        author=[_person("Lucia", "Garcia", "0000-0003-2222-4444", "LAPP")],
                        maintainer=_person("Lucia", "Garcia", "0000-0003-2222-4444", "LAPP"),
                        datePublished="2024-02-10",
                        programmingLanguage="Python",
                        softwareRequirements=["numpy", "matplotlib", "astropy"],
                    ),
                ),
                file_entry("requirements.txt", b"numpy\nmatplotlib\nastropy\n"),
                file_entry(
                    "intro.ipynb",
                    json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}).encode(),
                ),
            ],
        )
    )

    records.append(
        _rec(
            7061,
            7060,
            "lstcalib: LST-1 camera calibration tools",
            "v0.2.0",
            "2021-10-01",
            _software(),
            "bsd-3-clause",
            ["CTA", "LST", "calibration", "Python"],
            [_creator("Tanaka, Hiro", "0000-0002-5555-6666", "ICRR")],
            "<p>Metadata-only record: the code lives in its repository; no files are attached.</p>",
            [],
            [
                {
                    "identifier": "https://github.com/escape-demo/lstcalib",
                    "relation": "isSupplementTo",
                    "resource_type": "software",
                    "scheme": "url",
                }
            ],
        )
    )

    records.append(
        _rec(
            7071,
            7070,
            "glitchnet: glitch classification for Virgo strain data",
            "v1.0-beta",
            "2024-04-22",
            _software(),
            "gpl-3.0",
            ["EGO-Virgo", "gravitational waves", "machine learning", "Python"],
            [_creator("Keller, Anna", "0000-0001-8888-9999", "EGO")],
            "<p>Convolutional classifier for transient noise (glitches) in gravitational-wave detector data.</p>",
            [
                file_entry(
                    "codemeta.json",
                    _codemeta(
                        name="glitchnet",
                        description="Glitch classification for Virgo strain data.",
                        codeRepository="https://git.ligo.org/escape-demo/glitchnet",
                        license="GPL-3.0-or-later",
                        softwareVersion="v1.0-beta",
                        readme="https://git.ligo.org/escape-demo/glitchnet/README.md",
                        author=[_person("Anna", "Keller", "0000-0001-8888-9999", "EGO")],
                        maintainer=_person("Anna", "Keller", "0000-0001-8888-9999", "EGO"),
                        datePublished="2024-06-20",
                        programmingLanguage="Python",
                        softwareRequirements=["torch>=2.0", "gwpy"],
                    ),
                )
            ],
        )
    )

    records.append(
        _rec(
            7081,
            7080,
            "LOFAR LoTSS x HST cross-match catalogue (COSMOS field)",
            "1.0",
            "2023-08-08",
            _dataset(),
            "cc0-1.0",
            ["LOFAR", "HST", "catalogue", "cross-match"],
            [_creator("Nowak, Piotr", "0000-0002-4444-1111", "Jagiellonian University")],
            "<p>Positional cross-match of LoTSS sources with HST/ACS detections.</p>",
            [file_entry("lotss_hst_xmatch.csv", crossmatch_csv())],
        )
    )

    records.append(
        _rec(
            7091,
            7090,
            "plotkit: generic plotting utilities",
            "1.2.0",
            "2024-05-01",
            _software(),
            "mit",
            ["plotting", "Python"],
            [_creator("Smith, Alex")],
            "<p>A record outside the escape2020 community, to check the community filter.</p>",
            [file_entry("plotkit-1.2.0.zip", _zip({"plotkit/README": "plotkit\n"}))],
            communities=("other-community",),
        )
    )
    return copy.deepcopy(records)
