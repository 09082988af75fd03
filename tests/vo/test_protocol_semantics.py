"""Protocol details where the project keeps its own code beside pyvo, or takes pyvo's (docs/architecture.md says
which and why): UWS times with a UTC offset, DALI open intervals in SIA 2 and SSA, RegTAP data model conditions."""

from __future__ import annotations

import pytest

from jupyter_escape.core.errors import RemoteError
from jupyter_escape.vo import dal, registry, uws

JOB = b"""<?xml version="1.0"?>
<uws:job version="1.1" xmlns:uws="http://www.ivoa.net/xml/UWS/v1.0" xmlns:xlink="http://www.w3.org/1999/xlink">
  <uws:jobId>j1</uws:jobId><uws:runId>mine</uws:runId><uws:phase>ERROR</uws:phase>
  <uws:creationTime>2020-10-27T12:00:00+11:00</uws:creationTime><uws:startTime>2020-10-27T01:00:01Z</uws:startTime>
  <uws:executionDuration>600</uws:executionDuration><uws:destruction>2020-11-03T12:00:00.000+1100</uws:destruction>
  <uws:parameters><uws:parameter id="QUERY">SELECT 1</uws:parameter></uws:parameters>
  <uws:results><uws:result id="result" xlink:href="http://h/tap/async/j1/results/result"/></uws:results>
  <uws:errorSummary type="fatal"><uws:message>relation "nosuch" does not exist</uws:message></uws:errorSummary>
</uws:job>"""


def test_a_job_with_utc_offsets_is_read_and_its_times_kept_as_written():
    info = uws.parse_job(JOB, "http://h/tap/async/j1", "TAP h/tap")
    assert (info.phase, info.job_id, info.run_id, info.final) == ("ERROR", "j1", "mine", True)
    assert info.creation_time == "2020-10-27T12:00:00+11:00" and info.destruction == "2020-11-03T12:00:00.000+1100"
    assert info.start_time == "2020-10-27T01:00:01Z" and info.execution_duration == "600"
    assert info.parameters == {"QUERY": "SELECT 1"}
    assert info.results == [{"id": "result", "href": "http://h/tap/async/j1/results/result"}]
    assert info.error == 'relation "nosuch" does not exist'


def test_a_document_that_is_not_a_job_is_an_error_naming_the_service():
    with pytest.raises(RemoteError, match=r"expected a UWS <job>, got <VOTABLE>") as err:
        uws.parse_job(b"<VOTABLE/>", "http://h/tap/async/j1", "TAP h/tap")
    assert err.value.service == "TAP h/tap"


def test_open_interval_ends_are_written_as_dali_says():
    assert dal.sia2_params(band=(1e-7, None), time=(None, 60000)) == [("BAND", "1e-07 +Inf"), ("TIME", "-Inf 60000.0")]
    assert dal.sia2_params(band=("-Inf", 2e-7)) == [("BAND", "-Inf 2e-07")]
    assert dal.ssa_params(150, 2, 0.1, band=(None, 2e-7))["BAND"] == "/2e-07"
    assert dal.ssa_params(150, 2, 0.1, band=(1e-7, None))["BAND"] == "1e-07/"


def test_data_model_conditions_are_pyvos():
    epntap = registry.compile_adql(registry.RegistryQuery(datamodel="EPNTAP"))
    assert "ivo://vopdc.obspm/std/epncore#schema-2.%" in epntap and "ivo://ivoa.net/std/epntap#table-2.%" in epntap
    obscore = registry.compile_adql(registry.RegistryQuery(datamodel="obscore"))
    assert "detail_xpath = '/capability/dataModel/@ivo-id'" in obscore and "ivo://ivoa.net/std/obscore%" in obscore
