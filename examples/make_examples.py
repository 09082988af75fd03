"""Writes the example notebooks (kept as code so reviews see plain diffs). Run: python examples/make_examples.py"""

import pathlib

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = pathlib.Path(__file__).parent


def notebook(name: str, cells: list) -> None:
    nb = new_notebook(cells=cells, metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    })
    nbformat.write(nb, HERE / name)


md, code = new_markdown_cell, new_code_cell

notebook("01-tour.ipynb", [
    md("# A tour of jupyter-escape\n\n"
       "LOFAR and HST deep fields, as in ESCAPE's data-lake use case: find a catalogue through the Virtual "
       "Observatory registry, query it with ADQL, look at it on the sky, keep it in the research basket, and "
       "cross-match it.\n\n"
       "On the offline demo everything runs on the local service stack; with internet and no configuration the "
       "same code talks to the public services. The **ESCAPE** sidebar (left) shows which services this "
       "notebook is connected to."),
    md("## 1. Find a service in the VO registry"),
    code("from jupyter_escape import vo\n\n"
         "# Data collections publish their tables through a site-wide TAP service (an 'auxiliary' capability).\n"
         "services = vo.search_registry(keywords=\"LOFAR\", servicetype=\"tap\", include_auxiliary=True)\n"
         "for s in services:\n"
         "    print(s[\"title\"], \"|\", s[\"ivoid\"])"),
    code("tap_url = next(i[\"access_url\"] for s in services for c in s[\"capabilities\"]\n"
         "               if (c[\"standard_id\"] or \"\").lower().startswith(\"ivo://ivoa.net/std/tap\")\n"
         "               for i in c[\"interfaces\"] if i[\"role\"] == \"std\")\n"
         "tap_url"),
    md("## 2. Query it with ADQL\nThe result comes back as an astropy Table; `meta['overflow']` says whether "
       "MAXREC truncated it."),
    code("sources = vo.query(tap_url, \"\"\"\n"
         "SELECT source_id, name, ra, dec, obj_class, mag_r, redshift, flux_144mhz\n"
         "FROM esc_demo.main\n"
         "WHERE field = 'ELAIS-N1' AND flux_144mhz IS NOT NULL\n"
         "\"\"\", maxrec=2000)\n"
         "print(len(sources), \"rows; overflow:\", sources.meta[\"overflow\"])\n"
         "sources[:5]"),
    md("## 3. Look at it on the sky\nThe sky view opens in the main area (Aladin Lite, served by the extension: "
       "no CDN)."),
    code("from jupyter_escape import sky\n\n"
         "sky.goto((float(sources['ra'].mean()), float(sources['dec'].mean())), fov=1.0)\n"
         "sky.show_table(sources, name=\"LOFAR sources\", id=\"source_id\")"),
    md("## 4. Keep it in the research basket and cross-match\n"
       "Basket items survive restarts and can be saved into this notebook's metadata, so a colleague (or "
       "Binder) can re-stage the same data."),
    code("from jupyter_escape import basket\n\n"
         "radio = basket.add(sources, title=\"ELAIS-N1 LOFAR sources\")\n"
         "optical = vo.query(tap_url, \"SELECT source_id, ra, dec, mag_g, mag_r FROM esc_demo.main \"\n"
         "                   \"WHERE field = 'ELAIS-N1'\", maxrec=5000)\n"
         "matches = basket.crossmatch(sources, optical, radius_arcsec=1.0)\n"
         "print(len(matches), \"matches\")\n"
         "matches  # the first rows; matches.to_pandas() or .to_astropy() for all"),
    md("## 5. Software from the OSSR\nFind an analysis tool in the escape2020 community and cite it."),
    code("from jupyter_escape import ossr\n\n"
         "hits = ossr.search(\"radio\", type=\"software\")\n"
         "for h in hits:\n"
         "    print(h[\"id\"], h[\"title\"], h[\"version\"], h[\"license\"])"),
    code("print(ossr.cite(hits[0][\"id\"], \"bibtex\"))"),
])
