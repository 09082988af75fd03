from __future__ import annotations

import os

import pytest

from jupyter_escape.core.errors import EscapeError
from jupyter_escape.core.paths import confine, relative_to_root


def test_inside_root(tmp_path):
    (tmp_path / "a").mkdir()
    assert confine(tmp_path, "a/b.fits") == (tmp_path / "a" / "b.fits").resolve()
    assert confine(tmp_path, "/a") == (tmp_path / "a").resolve()  # API paths are root-relative even with a slash
    assert relative_to_root(tmp_path, tmp_path / "a" / "b.fits") == "a/b.fits"


@pytest.mark.parametrize("bad", ["../etc/passwd", "a/../../x", "..", "a/\x00b"])
def test_escapes_refused(tmp_path, bad):
    (tmp_path / "a").mkdir()
    with pytest.raises(EscapeError) as err:
        confine(tmp_path, bad)
    assert err.value.status in (400, 403)


def test_symlink_out_of_root_refused(tmp_path):
    root = tmp_path / "root"
    root.mkdir()
    outside = tmp_path / "secret.txt"
    outside.write_text("x")
    os.symlink(outside, root / "link")
    with pytest.raises(EscapeError) as err:
        confine(root, "link")
    assert "outside the server root" in err.value.message
