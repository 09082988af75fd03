"""What every (route, verb) takes and answers, keyed by the route's pattern as handlers/*.py ROUTES spell it.

tests/test_openapi.py fails when a route or verb exists without an entry here, or an entry without a route.
Route shapes in prose: docs/api/*.md.
"""

from __future__ import annotations

from .schemas import (
    ANY_OBJECT,
    BOOL,
    BOOL_ARG,
    ID,
    INT,
    LONG_TEXT,
    NAME,
    NUMBER,
    PATH,
    STRINGS,
    TEXT,
    URL,
    bounded_int,
    enum,
    nullable,
    obj,
    op,
)

PAGE = {"offset": bounded_int(0, 10**9), "limit": bounded_int(0, 100_000)}
DAL_KINDS = ("scs", "sia", "sia2", "ssa", "tap")
CONE = {
    "anyOf": [
        obj({"ra": NUMBER, "dec": NUMBER, "radius": NUMBER}),
        {"type": "array", "items": NUMBER, "minItems": 3, "maxItems": 3},
    ]
}
TEMPORAL = {
    "anyOf": [obj({"start": NUMBER, "end": NUMBER}), {"type": "array", "items": NUMBER, "minItems": 2, "maxItems": 2}]
}
WORDS = {"anyOf": [TEXT, STRINGS]}
COLUMNS = {"anyOf": [TEXT, STRINGS]}
SERVICE = obj({"kind": enum(*DAL_KINDS), "url": URL, "params": ANY_OBJECT, "label": nullable(NAME)}, ("kind", "url"))
TAP_JOB = obj(
    {
        "url": URL,
        "query": LONG_TEXT,
        "maxrec": nullable(bounded_int(0, 10**9)),
        "format": nullable(NAME),
        "run": BOOL,
        "label": nullable(NAME),
        "columns": COLUMNS,
    },
    ("url", "query"),
)
# ASCII MOC ("5/1-10 6/100"): every cell list follows an order (0-29) and a slash. The registry service refuses
# anything else with an error of its own, which would reach the user as a 502.
MOC = {
    "type": "string",
    "maxLength": 100_000,
    "description": "expected an ASCII MOC such as '5/1-10 6/100'",
    # Tokens are separated by whitespace and each starts with a digit: no two ways to split, no backtracking.
    "pattern": r"^\s*([0-9]|[12][0-9])/[0-9,\-]*(\s+(([0-9]|[12][0-9])/[0-9,\-]*|[0-9][0-9,\-]*))*\s*$",
}
TABLE_REF = {"anyOf": [NAME, obj({"path": PATH}, ("path",))]}
# "scipy": the in-memory engine's former name, still accepted (a note in the result says so)
ENGINE = nullable(enum("auto", "memory", "dask", "scipy"))

VO = {
    ("vo/registry/search", "post"): op(
        "Search the VO registry (RegTAP)",
        body=obj(
            {
                "keywords": WORDS,
                "servicetype": nullable(NAME),
                "waveband": WORDS,
                "datamodel": nullable(NAME),
                "cone": nullable(CONE),
                "moc": nullable(MOC),
                "temporal": nullable(TEMPORAL),
                "include_auxiliary": BOOL,
                "sort": nullable(NAME),
                "limit": nullable(bounded_int(0, 10_000)),
                "offset": nullable(bounded_int(0, 10**9)),
                "registry_url": nullable(URL),
            }
        ),
    ),
    ("vo/services", "get"): op("Configured VO services and registry"),
    ("vo/tap/capabilities", "get"): op("TAP service capabilities", query={"url": URL}, required=("url",)),
    ("vo/tap/tables", "get"): op("Tables of a TAP service", query={"url": URL}, required=("url",)),
    ("vo/tap/table", "get"): op("Columns of one TAP table", query={"url": URL, "name": NAME}, required=("url", "name")),
    ("vo/tap/examples", "get"): op("A TAP service's example queries", query={"url": URL}, required=("url",)),
    ("vo/tap/sync", "post"): op("Run a synchronous TAP query (answer: Arrow IPC)", body=TAP_JOB, produces="arrow"),
    ("vo/tap/jobs", "get"): op("Known asynchronous TAP jobs", query={"url": URL, "refresh": BOOL_ARG}),
    ("vo/tap/jobs", "post"): op("Create (and run) an asynchronous TAP job", body=TAP_JOB, ok=(201,)),
    ("vo/tap/jobs/([^/]+)", "get"): op("One TAP job", query={"wait": bounded_int(0, 3600)}, path={"key": ID}),
    ("vo/tap/jobs/([^/]+)", "delete"): op("Delete a TAP job", path={"key": ID}),
    ("vo/tap/jobs/([^/]+)/abort", "post"): op("Abort a TAP job", path={"key": ID}, body=ANY_OBJECT),
    ("vo/tap/jobs/([^/]+)/results", "get"): op(
        "A finished job's result (Arrow IPC)", path={"key": ID}, query={"columns": TEXT}, produces="arrow"
    ),
    ("vo/dal/([^/]+)", "post"): op(
        "One simple-DAL query (SCS, SIA, SSA; Arrow IPC)",
        path={"kind": enum(*DAL_KINDS)},
        body=obj({"url": URL, "columns": COLUMNS}, ("url",)),
        produces="arrow",
    ),
    ("vo/multi", "post"): op(
        "The same search on many services",
        body=obj(
            {
                "services": {"type": "array", "items": SERVICE, "minItems": 1, "maxItems": 200},
                "params": ANY_OBJECT,
                "timeout": nullable({"type": "number", "exclusiveMinimum": 0, "maximum": 600}),
            },
            ("services",),
        ),
    ),
    ("vo/results/([^/]+)", "get"): op("A kept result's summary", path={"result_id": ID}),
    ("vo/results/([^/]+)", "delete"): op("Forget a kept result", path={"result_id": ID}),
    ("vo/results/([^/]+)/arrow", "get"): op(
        "A kept result as Arrow IPC", path={"result_id": ID}, query={"columns": TEXT}, produces="arrow"
    ),
    ("vo/results/([^/]+)/export", "post"): op(
        "Write a kept result to a file below the root",
        path={"result_id": ID},
        body=obj({"format": nullable(NAME), "path": nullable(PATH), "columns": COLUMNS, "overwrite": BOOL}),
        ok=(201,),
    ),
    ("vo/results/([^/]+)/code", "get"): op("Python that reproduces a kept result", path={"result_id": ID}),
    ("vo/code", "post"): op(
        "Python for a query",
        body=obj(
            {
                "kind": NAME,
                "url": URL,
                "query": nullable(LONG_TEXT),
                "maxrec": nullable(INT),
                "params": ANY_OBJECT,
                "mode": nullable(NAME),
            },
            ("kind", "url"),
        ),
    ),
    ("vo/datalink", "post"): op(
        "DataLink links of a URL or of a kept result's row",
        body=obj(
            {
                "url": nullable(URL),
                "result_id": nullable(ID),
                "row": nullable(bounded_int(0, 10**9)),
                "ids": nullable({"anyOf": [NAME, STRINGS]}),
            }
        ),
    ),
    ("vo/datalink/fetch", "post"): op(
        "Download a DataLink product below the root",
        ok=(201,),
        body=obj(
            {
                "access_url": nullable(URL),
                "service": nullable(ANY_OBJECT),
                "id": nullable(NAME),
                "circle": nullable({"type": "array", "items": NUMBER, "maxItems": 3}),
                "pos": nullable(TEXT),
                "band": nullable({"type": "array", "items": NUMBER, "maxItems": 2}),
                "params": nullable(ANY_OBJECT),
                "folder": nullable(PATH),
                "file_name": nullable(NAME),
            }
        ),
    ),
}

INSTANCE = {"instance": NAME}
# Rucio casts a name filter that looks like a number or a boolean ("1", "1.5", "1e3", "true") and then fails on the
# name column with "DatabaseException": refused here with a 400 that says what to do instead.
RUCIO_PATTERN = {
    "type": "string",
    "maxLength": 256,
    "not": {"pattern": r"^([0-9]+|[0-9]*\.[0-9]+|[0-9.]+[eE][-+]?[0-9]+|[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])$"},
    "description": "Rucio cannot search for a name that reads as a number or a boolean: add a wildcard (e.g. 1*)",
}
DID = {"did": {"type": "string", "minLength": 1, "maxLength": 512}}
DATALAKE = {
    ("datalake/instances", "get"): op("Configured Rucio instances"),
    ("datalake/auth", "get"): op("Credential check of an instance", query=INSTANCE),
    ("datalake/scopes", "get"): op("Scopes", query=INSTANCE),
    ("datalake/search", "get"): op(
        "Search DIDs",
        query={
            **INSTANCE,
            "scope": NAME,
            "pattern": RUCIO_PATTERN,
            "type": enum("all", "collection", "container", "dataset", "file"),
            "filters": TEXT,
            **PAGE,
        },
        required=("scope",),
    ),
    ("datalake/contents", "get"): op(
        "Contents of a collection", query={**INSTANCE, **DID, **PAGE, "refresh": BOOL_ARG}, required=("did",)
    ),
    ("datalake/did", "get"): op("One DID's details", query={**INSTANCE, **DID}, required=("did",)),
    ("datalake/rses", "get"): op("Storage elements", query=INSTANCE),
    ("datalake/usage", "get"): op("The account's usage", query=INSTANCE),
    ("datalake/stage", "get"): op("Stage jobs"),
    ("datalake/stage", "post"): op(
        "Stage (download or link) a DID",
        ok=(200, 201),
        body=obj({"instance": nullable(NAME), "did": DID["did"], "mode": enum("download", "replica")}, ("did",)),
    ),
    ("datalake/stage/([^/]+)", "get"): op("One stage job", path={"job_id": ID}),
    ("datalake/stage/([^/]+)", "delete"): op("Forget a stage job", path={"job_id": ID}),
    ("datalake/stage/([^/]+)/([^/]+)", "post"): op(
        "Cancel or resume a stage job", body=ANY_OBJECT, path={"job_id": ID, "action": enum("cancel", "resume")}
    ),
    ("datalake/code", "get"): op("Python for a DID", query={**INSTANCE, **DID}, required=("did",)),
    ("datalake/coverage", "get"): op(
        "Which VO data covers a DID: its MOC (staged FITS footprints, else ra/dec metadata) and the registry "
        "records intersecting it",
        query={
            **INSTANCE,
            **DID,
            "servicetype": NAME,
            "waveband": TEXT,
            "prefer": enum("auto", "files", "metadata"),
            "radius": {"type": "number", "exclusiveMinimum": 0, "maximum": 90},
            "limit": bounded_int(1, 1000),
        },
        required=("did",),
    ),
    ("datalake/uploads", "get"): op("Upload jobs"),
    ("datalake/uploads", "post"): op(
        "Upload a file below the root to an RSE",
        ok=(201,),
        body=obj(
            {
                "instance": nullable(NAME),
                "path": PATH,
                "rse": NAME,
                "scope": NAME,
                "name": nullable(NAME),
                "dataset": nullable(NAME),
                "metadata": nullable(ANY_OBJECT),
                "lifetime": nullable(bounded_int(1, 10**9)),
            },
            ("path", "rse", "scope"),
        ),
    ),
    ("datalake/uploads/([^/]+)", "get"): op("One upload job", path={"job_id": ID}),
    ("datalake/uploads/([^/]+)/([^/]+)", "post"): op(
        "Cancel, resume or clean up an upload (clean up deletes the files it left on the storage)",
        body=ANY_OBJECT,
        path={"job_id": ID, "action": enum("cancel", "resume", "cleanup")},
    ),
}

SANDBOX = {"sandbox": BOOL_ARG}
PUBLISH_BODY = obj(
    {
        "path": PATH,
        "codemeta": nullable(ANY_OBJECT),
        "files": nullable(STRINGS),
        "publish": BOOL,
        "deposit_id": nullable(bounded_int(1, 10**12)),
        "upload_type": enum("software", "dataset"),
        "sandbox": BOOL,
    },
    ("path",),
)
RECID = {"recid": {"title": "record id", "type": "string", "pattern": r"^[0-9]{1,12}$"}}
OSSR = {
    ("ossr/config", "get"): op("The configured software repository"),
    ("ossr/search", "get"): op(
        "Search records",
        query={
            "q": TEXT,
            "type": NAME,
            "keywords": TEXT,
            "license": NAME,
            "language": NAME,
            "facility": NAME,
            "size": bounded_int(1, 100),
            "page": bounded_int(1, 10_000),
            "sort": NAME,
            "all_versions": BOOL_ARG,
            "community": NAME,
            **SANDBOX,
        },
    ),
    ("ossr/kernels", "get"): op("Kernels' Python executables"),
    ("ossr/records/([^/]+)", "get"): op("One record", path=RECID, query={"versions": BOOL_ARG, **SANDBOX}),
    ("ossr/records/([^/]+)/versions", "get"): op("A record's versions", path=RECID, query=SANDBOX),
    ("ossr/records/([^/]+)/codemeta", "get"): op("A record's codemeta.json", path=RECID, query=SANDBOX),
    ("ossr/records/([^/]+)/cite", "get"): op(
        "A citation", path=RECID, query={"format": enum("bibtex", "cff", "datacite"), **SANDBOX}
    ),
    ("ossr/records/([^/]+)/snippets", "get"): op("Install and use snippets", path=RECID, query=SANDBOX),
    ("ossr/records/([^/]+)/download", "post"): op(
        "Download a record's files below the root",
        path=RECID,
        body=obj({"files": nullable(STRINGS), "dest": nullable(PATH), "sandbox": BOOL}),
    ),
    ("ossr/records/([^/]+)/install-plan", "post"): op(
        "Plan installing a record into a kernel",
        path=RECID,
        body=obj({"python": PATH, "file": nullable(NAME), "pip_args": nullable(STRINGS), "sandbox": BOOL}, ("python",)),
    ),
    ("ossr/install", "post"): op("Run a planned install", ok=(202,), body=obj({"plan_id": ID}, ("plan_id",))),
    ("ossr/install/([^/]+)", "get"): op(
        "An install job's log", path={"job_id": ID}, query={"since": bounded_int(0, 10**9)}
    ),
    ("ossr/install/([^/]+)", "delete"): op("Cancel an install job", path={"job_id": ID}),
    ("ossr/codemeta/generate", "post"): op("Draft a codemeta.json for a folder", body=obj({"path": PATH}, ("path",))),
    ("ossr/codemeta/validate", "post"): op(
        "Check a codemeta document or file", body=obj({"codemeta": ANY_OBJECT, "path": PATH})
    ),
    ("ossr/publish", "post"): op("Publish a folder (deposit) in one request", ok=(201,), body=PUBLISH_BODY),
    ("ossr/install", "get"): op("Install jobs (this server's and saved ones), newest first"),
    ("ossr/publish/jobs", "get"): op("Publish jobs with their state and byte progress, newest first"),
    ("ossr/publish/jobs", "post"): op("Start a publish job (deposit, uploads, publish)", ok=(202,), body=PUBLISH_BODY),
    ("ossr/publish/jobs/([^/]+)", "get"): op("A publish job: state, files, bytes sent", path={"job_id": ID}),
    ("ossr/publish/jobs/([^/]+)", "delete"): op("Cancel a publish job before its next file", path={"job_id": ID}),
    ("ossr/publish/jobs/([^/]+)/resume", "post"): op(
        "Run a publish job again on its deposition", ok=(202,), path={"job_id": ID}, body=obj({"publish": BOOL})
    ),
}

ITEM = {"item_id": ID}
BASKET = {
    ("basket", "get"): op("The basket (ETag)", ok=(200, 304)),
    ("basket/changes", "get"): op(
        "Long poll for a new version", query={"since": bounded_int(-1, 2**62), "timeout": bounded_int(0, 30)}
    ),
    ("basket/items", "post"): op(
        "Add an item",
        ok=(201,),
        body=obj(
            {
                "kind": NAME,
                "payload": ANY_OBJECT,
                "title": nullable(TEXT),
                "group": nullable(NAME),
                "source": nullable(TEXT),
                "notes": nullable(LONG_TEXT),
            },
            ("kind", "payload"),
        ),
    ),
    ("basket/items/([^/]+)", "get"): op("One item", path=ITEM),
    ("basket/items/([^/]+)", "patch"): op(
        "Change an item's title, notes or group",
        path=ITEM,
        body=obj({"title": TEXT, "notes": LONG_TEXT, "group": nullable(NAME), "extra": ANY_OBJECT}, extra=False),
    ),
    ("basket/items/([^/]+)", "delete"): op("Remove an item", path=ITEM, ok=(204,)),
    ("basket/items/([^/]+)/data", "get"): op(
        "An item's table",
        path=ITEM,
        produces="json-or-arrow",
        query={"limit": bounded_int(0, 1_000_000), "format": enum("json", "arrow"), "refresh": BOOL_ARG},
    ),
    ("basket/items/([^/]+)/materialise", "post"): op(
        "Put an item's table into the workspace DB", path=ITEM, body=obj({"table": nullable(NAME), "refresh": BOOL})
    ),
    ("basket/items/([^/]+)/provenance", "get"): op("An item's provenance", path=ITEM),
    ("basket/groups", "post"): op("Add a group", ok=(201,), body=obj({"name": NAME}, ("name",))),
    ("basket/groups/(.+)", "patch"): op("Rename a group", path={"name": NAME}, body=obj({"name": NAME}, ("name",))),
    ("basket/groups/(.+)", "delete"): op(
        "Remove a group", path={"name": NAME}, ok=(204,), query={"remove_items": BOOL_ARG}
    ),
    ("basket/export", "get"): op("The basket block for a notebook's metadata", query={"items": TEXT}),
    ("basket/notebook", "get"): op("A notebook's basket block", query={"path": PATH}, required=("path",)),
    ("basket/notebook", "post"): op(
        "Save the basket into a notebook or load it from one",
        body=obj(
            {
                "path": PATH,
                "action": enum("save", "load"),
                "mode": enum("merge", "replace"),
                "items": nullable(STRINGS),
            },
            ("path",),
        ),
    ),
    ("basket/sql", "post"): op(
        "SQL on the workspace DB",
        produces="json-or-arrow",
        body=obj(
            {"sql": LONG_TEXT, "limit": bounded_int(0, 1_000_000), "format": enum("json", "arrow"), "write": BOOL},
            ("sql",),
        ),
    ),
    ("basket/tables", "get"): op("Workspace DB tables"),
    ("basket/tables/([^/]+)", "get"): op("A workspace table's columns and provenance", path={"name": NAME}),
    ("basket/tables/([^/]+)", "delete"): op("Drop a workspace table", path={"name": NAME}, ok=(204,)),
    ("basket/xmatch", "post"): op(
        "Cross-match two inputs",
        body=obj(
            {
                "left": TABLE_REF,
                "right": TABLE_REF,
                "radius_arcsec": {"type": "number", "exclusiveMinimum": 0, "maximum": 36000},
                "find": nullable(NAME),
                "join": nullable(NAME),
                "table": nullable(NAME),
                "path": nullable(PATH),
                "engine": ENGINE,
                "filter": {"type": ["object", "null"]},
                **{
                    f"{side}_{what}": nullable(NAME)
                    for side in ("left", "right")
                    for what in ("ra", "dec", "unit", "frame")
                },
            },
            ("left", "right"),
        ),
    ),
}

SKY = {
    ("sky/hips", "get"): op("Local HiPS surveys"),
    ("sky/hips/([^/]+)/(.+)", "get"): op(
        "A file of a local HiPS", produces="file", path={"hips_id": ID, "relpath": PATH}
    ),
    ("sky/file", "get"): op(
        "A FITS image or MOC below the root", produces="file", query={"path": PATH}, required=("path",)
    ),
    ("sky/inspect", "get"): op("What a file is, or why it cannot be shown", query={"path": PATH}, required=("path",)),
    ("sky/moc", "get"): op(
        "A MOC from a MOC file or a HEALPix sky map",
        query={
            "path": PATH,
            "credible_level": {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
            "max_order": bounded_int(0, 29),
        },
        required=("path",),
    ),
    ("sky/resolve", "get"): op(
        "An object name from the packaged offline catalogue (when Sesame is unreachable)",
        query={"name": {"type": "string", "minLength": 1, "maxLength": 200}},
        required=("name",),
    ),
    ("sky/aladin-lite.js", "get"): op("The bundled Aladin Lite module", produces="file"),
    ("sky/tables/([^/]+)", "get"): op(
        "A catalogue a kernel spooled for the sky view (Arrow IPC stream)", produces="file", path={"token": ID}
    ),
}

# Linked plots (jupyter_escape/plots): a source names a table; axes are DuckDB expressions over its columns.
PLOT_SOURCE = obj(
    {
        "kind": enum("vo-result", "basket", "workspace", "sql", "file"),
        "id": nullable(ID),
        "item": nullable(ID),
        "table": nullable(NAME),
        "sql": nullable(LONG_TEXT),
        "path": nullable(PATH),
    },
    ("kind",),
)
EXPR = nullable({"type": "string", "maxLength": 2000})
RANGE = nullable({"type": "array", "items": NUMBER, "minItems": 2, "maxItems": 2})
ROW_IDS = {"type": "array", "items": bounded_int(0, 2**53), "maxItems": 5_000_000}
PLOT_SPEC = {
    "kind": enum("scatter", "histogram", "density"),
    "x": EXPR,
    "y": EXPR,
    "color": EXPR,
    "logx": BOOL,
    "logy": BOOL,
    "bins": bounded_int(1, 2000),
    "nx": bounded_int(2, 2000),
    "ny": bounded_int(2, 2000),
    "limit": bounded_int(1, 1_000_000),
    "xrange": RANGE,
    "yrange": RANGE,
}
PLOTS = {
    ("plots/describe", "post"): op(
        "A plot source's columns and row count", body=obj({"source": PLOT_SOURCE, "refresh": BOOL}, ("source",))
    ),
    ("plots/aggregate", "post"): op(
        "Histogram or density bins (or scatter points) aggregated on the server, and the columns if asked",
        body=obj(
            {"source": PLOT_SOURCE, "refresh": BOOL, "columns": BOOL, "selection": ROW_IDS, **PLOT_SPEC},
            ("source", "kind", "x"),
        ),
    ),
    ("plots/select", "post"): op(
        "Row ids inside a brushed box",
        body=obj({"source": PLOT_SOURCE, "x": EXPR, "y": EXPR, "xrange": RANGE, "yrange": RANGE}, ("source", "x")),
    ),
    ("plots/selections/([^/]+)", "put"): op(
        "Keep the linked views' selection for the kernel",
        path={"view": ID},
        body=obj({"source": PLOT_SOURCE, "rows": ROW_IDS, "origin": nullable(NAME)}, ("source", "rows")),
    ),
    ("plots/subset", "post"): op(
        "Selected rows into the basket, with provenance",
        ok=(201,),
        body=obj(
            {"source": PLOT_SOURCE, "rows": ROW_IDS, "title": nullable(TEXT), "provenance": ANY_OBJECT},
            ("source", "rows"),
        ),
    ),
    ("plots/code", "post"): op(
        "Python that reopens a plot and returns its numbers",
        body=obj(
            {"source": PLOT_SOURCE, "spec": obj(PLOT_SPEC, ("kind", "x")), "view": nullable(NAME)}, ("source", "spec")
        ),
    ),
}

PANOPTES_ID = {"type": "string", "pattern": r"^[0-9]{1,18}$", "description": "a Panoptes id (digits)"}
ZOO_JOB = {"type": "string", "pattern": r"^[0-9a-f]{1,32}$", "description": "an upload job id"}
ZOO_EXPORT_KIND = enum("classifications", "subjects")
ZOO_RENDER = {"stretch": enum("linear", "sqrt", "log", "asinh"), "interval": enum("zscale", "minmax", "99.5%")}
ZOO_ITEM = {
    "anyOf": [
        obj({"item_id": ID, "label": nullable(NAME)}, ("item_id",)),
        obj({"path": PATH, "label": nullable(NAME)}, ("path",)),
    ]
}
ZOONIVERSE = {
    ("zooniverse/config", "get"): op("The Zooniverse (Panoptes) endpoint and who is signed in (no secret)"),
    ("zooniverse/projects", "get"): op("Projects the user owns or collaborates on"),
    ("zooniverse/projects/([^/]+)/workflows", "get"): op("A project's workflows", path={"project_id": PANOPTES_ID}),
    ("zooniverse/projects/([^/]+)/subject-sets", "get"): op(
        "A project's subject sets", path={"project_id": PANOPTES_ID}
    ),
    ("zooniverse/projects/([^/]+)/subject-sets", "post"): op(
        "Create a subject set",
        ok=(201,),
        path={"project_id": PANOPTES_ID},
        body=obj({"display_name": NAME}, ("display_name",)),
    ),
    ("zooniverse/subject-sets/([^/]+)/subjects", "get"): op(
        "Subjects of a subject set", path={"subject_set_id": PANOPTES_ID}, query={"limit": bounded_int(1, 500)}
    ),
    ("zooniverse/projects/([^/]+)/export", "get"): op(
        "State of a project's export", path={"project_id": PANOPTES_ID}, query={"kind": ZOO_EXPORT_KIND}
    ),
    ("zooniverse/projects/([^/]+)/export", "post"): op(
        "Request a new export", ok=(202,), path={"project_id": PANOPTES_ID}, body=obj({"kind": ZOO_EXPORT_KIND})
    ),
    ("zooniverse/projects/([^/]+)/export/basket", "post"): op(
        "The ready classification export into the basket as a table",
        ok=(201,),
        path={"project_id": PANOPTES_ID},
        body=obj({"mode": enum("classifications", "subjects"), "title": nullable(NAME), "group": nullable(NAME)}),
    ),
    ("zooniverse/uploads", "get"): op("Upload jobs and their progress"),
    ("zooniverse/uploads", "post"): op(
        "Upload basket items or files as PNG subjects to a subject set",
        ok=(202,),
        body=obj(
            {
                "project_id": PANOPTES_ID,
                "subject_set_id": PANOPTES_ID,
                "items": {"type": "array", "items": ZOO_ITEM, "minItems": 1, "maxItems": 1000},
                **ZOO_RENDER,
            },
            ("project_id", "subject_set_id", "items"),
        ),
    ),
    ("zooniverse/uploads/([^/]+)", "get"): op("An upload job's progress and what remains", path={"job_id": ZOO_JOB}),
    ("zooniverse/uploads/([^/]+)/([^/]+)", "post"): op(
        "Cancel an upload job, or resume what a cancelled or cut one left",
        ok=(200, 202),
        body=ANY_OBJECT,
        path={"job_id": ZOO_JOB, "action": enum("cancel", "resume")},
    ),
    ("zooniverse/snippets", "get"): op(
        "'Show me the code' for a Zooniverse action",
        query={
            "action": enum(
                "projects",
                "workflows",
                "subject_sets",
                "export_status",
                "request_export",
                "export_to_basket",
                "upload",
                "resume",
            ),
            "project_id": PANOPTES_ID,
            "subject_set_id": PANOPTES_ID,
            "job_id": ZOO_JOB,
            "mode": enum("classifications", "subjects"),
            **ZOO_RENDER,
        },
    ),
}

CORE = {
    ("handshake", "get"): op("Server and API version"),
    ("status", "get"): op("Status of the configured services", query={"service": NAME}),
    ("openapi.json", "get"): op("This document"),
}

OPERATIONS = {**CORE, **VO, **DATALAKE, **OSSR, **BASKET, **SKY, **PLOTS}

# SAMP (jupyter_escape/samp, docs/samp.md). A source names what to send: a kept VO result, a basket item or a file.
SAMP_SOURCE = obj(
    {"kind": enum("vo-result", "basket", "file"), "id": nullable(ID), "item": nullable(ID), "path": nullable(PATH)},
    ("kind",),
)
SAMP_TO = nullable(NAME)
SAMP_JOB = {"type": "string", "pattern": "^[0-9a-f]{16}$", "description": "a SAMP send id"}
SAMP = {
    ("samp/status", "get"): op("SAMP mode, hub found or not, the connected clients with names and icons"),
    ("samp/hub", "post"): op(
        "Start a hub inside the server (local mode) or leave the hub",
        body=obj({"action": enum("start", "disconnect")}, ("action",)),
    ),
    ("samp/send", "post"): op(
        "Send a table, image or spectrum to SAMP clients (or get a signed link for it); with wait false, 202 and "
        "the send's job at once",
        ok=(200, 202),
        body=obj(
            {
                "source": SAMP_SOURCE,
                "as": nullable(enum("table", "image", "spectrum")),
                "to": SAMP_TO,
                "name": nullable(NAME),
                "link": BOOL,
                "wait": BOOL,
                "ttl": nullable({"type": "number", "exclusiveMinimum": 0, "maximum": 86400}),
            },
            ("source",),
        ),
    ),
    ("samp/sends", "get"): op("This server's SAMP sends, newest first, with their state and progress"),
    ("samp/sends/([^/]+)", "get"): op(
        "One SAMP send: state, bytes prepared and read, replies", path={"job_id": SAMP_JOB}
    ),
    ("samp/sends/([^/]+)/([^/]+)", "post"): op(
        "Cancel a SAMP send (its link is revoked, a read in flight cut, its outbox file removed), or record the "
        "replies the browser got (remote mode)",
        body=obj(
            {
                "replies": {"type": "array", "items": ANY_OBJECT, "maxItems": 1000},
                "url": nullable({"type": "string", "maxLength": 4096}),
                "error": nullable({"type": "string", "maxLength": 10000}),
            },
            (),
        ),
        path={"job_id": SAMP_JOB, "action": enum("cancel", "replies")},
    ),
    ("samp/select", "post"): op(
        "Send a row selection (table.select.rowList)",
        body=obj(
            {
                "table_id": NAME,
                "rows": {"type": "array", "items": bounded_int(0, 2**53), "maxItems": 100_000},
                "to": SAMP_TO,
                "url": nullable(URL),
            },
            ("table_id", "rows"),
        ),
    ),
    ("samp/point", "post"): op(
        "Send a sky position (coord.pointAt.sky)",
        body=obj(
            {
                "ra": {"type": "number", "minimum": 0, "exclusiveMaximum": 360},
                "dec": {"type": "number", "minimum": -90, "maximum": 90},
                "to": SAMP_TO,
            },
            ("ra", "dec"),
        ),
    ),
    ("samp/events", "get"): op(
        "What desktop tools sent after `since` (long poll up to `timeout` s)",
        query={"since": bounded_int(0, 2**53), "timeout": {"type": "number", "minimum": 0, "maximum": 25}},
    ),
    ("samp/receive", "post"): op(
        "Remote mode: the data a desktop tool sent to the browser (the request body, at "
        "most 512 MB), into the basket with the sending application as provenance",
        query={
            "mtype": enum("table.load.votable", "table.load.fits", "image.load.fits"),
            "url": URL,
            "sender_id": NAME,
            "sender_name": NAME,
            "name": NAME,
        },
        required=("mtype", "url", "sender_id"),
    ),
    ("samp/files/([^/]+)/([^/]+)", "get"): op(
        "One file through a signed, expiring link (no Jupyter login: the signature is the authorisation)",
        produces="file",
        path={"token": {"type": "string", "minLength": 1, "maxLength": 4096}, "name": NAME},
    ),
}
OPERATIONS.update(SAMP)

# Zooniverse (jupyter_escape/zooniverse, docs/zooniverse.md).
OPERATIONS.update(ZOONIVERSE)

# Dask clusters and cross-match jobs on them (jupyter_escape/scale, docs/scale.md).
XMATCH_JOB = {"job_id": {"type": "string", "pattern": r"^[0-9]{1,12}$", "description": "a cross-match job id"}}
JOB_ID = {"job_id": {"type": "string", "pattern": r"^[0-9]{1,12}$", "description": "a cluster job id"}}
SCALE = {
    ("scale/cluster", "get"): op("The panel's Dask cluster (or none), this machine's cores and memory, defaults"),
    ("scale/cluster", "post"): op(
        "Start a local or gateway cluster, or attach to a scheduler or gateway cluster",
        body=obj(
            {
                "kind": enum("local", "address", "gateway"),
                "address": nullable(URL),
                "gateway": nullable(URL),
                "n_workers": nullable(bounded_int(1, 64)),
                "cluster_name": nullable(NAME),
            },
            ("kind",),
        ),
    ),
    ("scale/cluster", "delete"): op("Stop the panel's cluster (refused while a cross-match runs on it)"),
    ("scale/xmatch", "post"): op(
        "Start a cross-match on the cluster (progress and cancel through its job)",
        ok=(202,),
        body=obj(
            {
                "left": TABLE_REF,
                "right": TABLE_REF,
                "radius_arcsec": {"type": "number", "exclusiveMinimum": 0, "maximum": 36000},
                "find": nullable(enum("best", "all", "mutual")),
                "engine": ENGINE,
                "filter": {"type": ["object", "null"]},
                "table": nullable(NAME),
            },
            ("left", "right"),
        ),
    ),
    ("scale/xmatch/([^/]+)", "get"): op(
        "A cross-match job: state, partitions done / total, dashboard, result", path=XMATCH_JOB
    ),
    ("scale/xmatch/([^/]+)", "delete"): op("Cancel a cross-match job", path=XMATCH_JOB),
    ("scale/run", "post"): op(
        "Run a function (from a workspace .py module or a pasted cell) on the cluster over basket tables: the first "
        "is split into partitions, the others go whole; the result is saved as a workspace table",
        ok=(202,),
        body=obj(
            {
                "inputs": {"type": "array", "items": TABLE_REF, "minItems": 1, "maxItems": 16},
                "module": nullable(PATH),
                "code": {"type": ["string", "null"], "maxLength": 1_000_000},
                "function": nullable(NAME),
                "table": nullable(NAME),
                "partitions": nullable(bounded_int(1, 256)),
            },
            ("inputs",),
        ),
    ),
    ("scale/hats", "post"): op(
        "Write a basket table, TAP result or data-lake catalogue as HATS into <workspace>/hats/<name> on the "
        "cluster (stages as progress; cancel leaves nothing)",
        ok=(202,),
        body=obj({"input": TABLE_REF, "name": NAME}, ("input", "name")),
    ),
    ("scale/jobs/([^/]+)", "get"): op(
        "A cluster job (cross-match, function run, HATS write): state, progress, result", path=JOB_ID
    ),
    ("scale/jobs/([^/]+)", "delete"): op("Cancel a cluster job", path=JOB_ID),
}
OPERATIONS.update(SCALE)
