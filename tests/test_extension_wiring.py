"""extension.py wires every pillar explicitly; a missing optional extra is said in the log at start."""

from __future__ import annotations

import logging

from jupyter_escape import extension
from jupyter_escape.handlers import samp


def test_every_pillar_is_wired_and_samp_is_set_up_last():
    assert extension.PILLARS[-1] is samp
    registered = {handler for _, handler in extension.routes()}
    for pillar in extension.PILLARS:
        assert pillar.ROUTES and {handler for _, handler in pillar.ROUTES} <= registered, pillar.__name__
        assert callable(pillar.setup), pillar.__name__


def test_a_missing_optional_extra_is_logged_with_what_to_install(monkeypatch, caplog):
    monkeypatch.setattr(extension, "OPTIONAL_EXTRAS", (("scale", "no_such_module_escape", "the test feature"),))
    with caplog.at_level(logging.WARNING):
        extension._report_missing_extras(logging.getLogger("test-escape"))
    assert caplog.messages == [
        "jupyter-escape: the test feature unavailable: no_such_module_escape is not installed "
        "(pip install 'jupyter-escape[scale]')"
    ]
