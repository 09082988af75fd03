"""Sky fixtures: a server root holding sample images and sky maps, and a local HiPS folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from jupyter_escape.sky import samples


@pytest.fixture
def sky_root(jp_root_dir) -> Path:
    root = Path(jp_root_dir)
    samples.sample_image(root / "images" / "field-a.fits", 10.68, 41.27, npix=64, n_sources=5, seed=1)
    samples.sample_skymap(root / "maps" / "flat.fits")
    samples.sample_skymap(root / "maps" / "multi.fits", multi_order=True)
    return root


@pytest.fixture
def hips_dir(tmp_path) -> Path:
    """A minimal HiPS (properties + one tile), enough for the file-serving rules."""
    folder = tmp_path / "hips" / "tiny"
    (folder / "Norder3" / "Dir0").mkdir(parents=True)
    (folder / "properties").write_text(
        "obs_title = Tiny test HiPS\nhips_order = 3\nhips_frame = equatorial\nhips_tile_format = png\n"
    )
    (folder / "Norder3" / "Dir0" / "Npix0.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 32)
    return tmp_path / "hips"


@pytest.fixture
def jp_server_config(jp_server_config, hips_dir):
    return {**jp_server_config, "SkyConfig": {"hips_dirs": [str(hips_dir)]}}


@pytest.fixture
def outside_file(tmp_path) -> Path:
    """A file outside the server root (tmp_path is not under jp_root_dir)."""
    target = tmp_path / "secret" / "outside.fits"
    target.parent.mkdir()
    shutil.copy(samples.sample_image(tmp_path / "o.fits", 0, 0, npix=16, n_sources=1), target)
    return target
