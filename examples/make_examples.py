"""Writes the example notebooks (kept as code so reviews see plain diffs). Run: python examples/make_examples.py"""

import pathlib

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = pathlib.Path(__file__).parent


def notebook(name: str, cells: list) -> None:
    nb = new_notebook(
        cells=cells,
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
        },
    )
    nbformat.write(nb, HERE / name)


md, code = new_markdown_cell, new_code_cell

notebook(
    "01-tour.ipynb",
    [
        md(
            "# A tour of jupyter-escape: radio meets optical in the field of M51\n\n"
            "ESCAPE's data-lake use case in one story: LOFAR radio observations live in the **data lake** (Rucio); "
            "optical catalogues of the same sky are published through the **Virtual Observatory**; we bring both into "
            "the notebook, **cross-match** them to find the optical counterparts of the radio sources, and look at the "
            "result **on the sky**.\n\n"
            "The field is the Whirlpool galaxy M51, in the HETDEX spring field that the LOFAR Two-metre Sky Survey "
            "(LoTSS) covers. **On the offline demo every object is simulated**: the field positions are real, the "
            "sources are drawn from one simulated sky that the local data lake, the local VO server and the local sky "
            "survey (HiPS) all share, so the cross-match finds counterparts as a real one would "
            "(docs/sample-data.md says where the sample data come from). "
            "With internet and no configuration the same code talks to the public services.\n\n"
            "The **ESCAPE** sidebar (left) shows which services this notebook is connected to."
        ),
        md(
            "## 1. The radio catalogue, from the data lake\n"
            "The LoTSS-like observation of the field is a Rucio dataset, `escape_demo:lotss_m51`: a source catalogue "
            "and a 144 MHz image. `datalake.get` stages it next to the notebook (a download, or a replica on storage "
            'mounted here) and returns the local paths. Radio positions are measured with a 6" beam: their errors '
            "(`e_ra`, `e_dec`) grow as the signal-to-noise falls, from a few tenths of an arcsecond for bright sources "
            "to a couple of arcseconds for faint ones."
        ),
        code(
            "import numpy as np\n"
            "from astropy.table import Table\n\n"
            "from jupyter_escape import datalake\n\n"
            'paths = datalake.get("escape_demo:lotss_m51")\n'
            'radio = Table.read(next(p for p in paths if p.name.endswith("_radio_catalogue.fits")))\n'
            'print(f"{len(radio)} radio sources; position error per axis: median {np.median(radio[\'e_ra\']):.2f}\\", "\n'
            '      f"90% below {np.percentile(radio[\'e_ra\'], 90):.2f}\\"")\n'
            "radio[:5]"
        ),
        md(
            "## 2. An optical catalogue of the same field, from the VO\n"
            "The VO registry tells us which services publish catalogues of the LOFAR fields; their TAP service answers "
            "ADQL. We ask for the optical sources within the area the radio catalogue covers (a cone around its "
            'centre). This catalogue comes from a different instrument: different positions (good to about 0.1"), '
            "different errors (`pos_err`), many more sources (about 4000 per square degree down to r = 22), and no "
            "knowledge of the radio sky."
        ),
        code(
            "from jupyter_escape import vo\n\n"
            "# Data collections publish their tables through a site-wide TAP service (an 'auxiliary' capability).\n"
            'services = vo.search_registry(keywords="LOFAR", servicetype="tap", include_auxiliary=True)\n'
            'tap_url = next(i["access_url"] for s in services for c in s["capabilities"]\n'
            '               if (c["standard_id"] or "").lower().startswith("ivo://ivoa.net/std/tap")\n'
            '               for i in c["interfaces"] if i["role"] == "std")\n'
            "for s in services:\n"
            '    print(s["title"], "|", s["ivoid"])\n'
            'print("TAP service:", tap_url)'
        ),
        code(
            'ra0, dec0 = float(np.mean(radio["ra"])), float(np.mean(radio["dec"]))\n'
            'optical = vo.query(tap_url, f"""\n'
            "SELECT source_id, name, ra, dec, pos_err, obj_class, mag_g, mag_r, redshift\n"
            "FROM esc_demo.main\n"
            "WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', {ra0:.4f}, {dec0:.4f}, 0.5))\n"
            '""", maxrec=20000)\n'
            'print(len(optical), "optical sources; overflow:", optical.meta["overflow"])\n'
            "optical[:5]"
        ),
        md(
            "## 3. Cross-match: which radio sources have an optical counterpart?\n"
            "Both tables go into the research basket (it keeps their provenance), and the basket cross-matches them: "
            'for each radio source, the nearest optical source within 3". The radius is about three times the '
            "combined position error of a faint radio source; wider, and chance alignments with unrelated optical "
            "sources start to count (their expected share is printed below). Not every radio source has a "
            "counterpart: many radio galaxies have hosts too faint for an r < 22 survey, so a match fraction of about "
            "two thirds is what LoTSS finds with optical data of this depth."
        ),
        code(
            "from jupyter_escape import basket\n\n"
            'radio_item = basket.add(radio, title="LoTSS-like radio sources, M51 field (data lake)")\n'
            'optical_item = basket.add(optical, title="Optical sources, M51 field (VO)")\n'
            "radius = 3.0  # arcsec\n"
            "matches = basket.crossmatch(radio_item.id, optical_item.id, radius_arcsec=radius,\n"
            '                            table_name="m51_radio_optical")\n'
            'separation = matches.to_arrow()["separation_arcsec"].to_numpy()\n'
            "match_fraction = matches.n_matches / len(radio)\n"
            "optical_density = len(optical) / (np.pi * (0.5 * 3600) ** 2)  # per square arcsecond\n"
            "chance = optical_density * np.pi * radius**2\n"
            'print(f"match fraction: {match_fraction:.0%} ({matches.n_matches} of {len(radio)} radio sources have an "\n'
            '      f"optical counterpart within {radius:g}\\")")\n'
            'print(f"median separation {np.median(separation):.2f}\\"; chance alignments expected for "\n'
            '      f"{chance:.1%} of the radio sources")\n'
            "matches  # the first rows; matches.to_pandas() or .to_astropy() for all"
        ),
        md(
            "## 4. The separation histogram\n"
            "True counterparts pile up at small separations, spread by the two catalogues' position errors; chance "
            "alignments would spread evenly in area (rising linearly with separation). The plot panel shows the "
            "histogram of the saved cross-match table (linked: brush a bar to select those pairs); the text version "
            "below is the same counts."
        ),
        code(
            "from jupyter_escape import plot\n\n"
            'plot.histogram({"kind": "workspace", "table": "m51_radio_optical"}, x="separation_arcsec", bins=24)\n'
            "counts, edges = np.histogram(separation, bins=np.arange(0, radius + 0.25, 0.25))\n"
            "for n, lo, hi in zip(counts, edges, edges[1:]):\n"
            "    print(f'{lo:4.2f}-{hi:4.2f}\"  {n:4d}  ' + '#' * int(50 * n / counts.max()))"
        ),
        md(
            "## 5. On the sky\n"
            'The sky view opens in the main area (Aladin Lite, served by the extension: no CDN). The name "M51" is '
            "resolved by Sesame (CDS) when it can be reached, otherwise by the catalogue packaged with the extension "
            "(the view says which). The background is the local HiPS survey of the simulated optical sky, rendered from "
            "the same objects as the catalogues: zoom in to see the optical sources (cyan) under the radio sources "
            "(orange), and those with a counterpart (green)."
        ),
        code(
            "from jupyter_escape import sky\n\n"
            'sky.show_table(optical, name="optical sources (VO)", id="source_id", color="#4dd0e1", size=6)\n'
            'sky.show_table(radio, name="radio sources (data lake)", id="source_name", color="#ffb300", size=12)\n'
            'sky.show_table(matches.to_astropy(), name="radio sources with a counterpart", ra="ra_1", dec="dec_1",\n'
            '               color="#76ff03", size=16)\n'
            'sky.goto("M51", fov=0.4)  # the galaxy and its neighbours; zoom out to see the whole field (1 degree)'
        ),
        md(
            "## 6. Next: software from the OSSR\nFind an analysis tool in the escape2020 community and cite it: the "
            "same notebook can publish its own results there."
        ),
        code(
            "from jupyter_escape import ossr\n\n"
            'hits = ossr.search("radio", type="software")\n'
            "for h in hits:\n"
            '    print(h["id"], h["title"], h["version"], h["license"])'
        ),
        code('print(ossr.cite(hits[0]["id"], "bibtex"))'),
    ],
)
