"""'Show me the code' for each Zooniverse action: the notebook API call, and panoptes-client itself.

Every value reaches the code through core.snippets (Python literals), never pasted as text. No credential
appears: the notebook API reads the server's password file, the panoptes-client snippet reads the same file.
"""

from __future__ import annotations

from typing import Any

from ..core.snippets import py, py_call

ACTIONS = (
    "projects",
    "workflows",
    "subject_sets",
    "export_status",
    "request_export",
    "export_to_basket",
    "upload",
    "resume",
)
_CONNECT = (
    "from panoptes_client import Panoptes, Project, SubjectSet, Workflow\n\n"
    "# the password stays in its 0600 file, never in the notebook\n"
    "Panoptes.connect(endpoint={endpoint}, username={username},\n"
    "                 password=open({password_file}).read().strip())\n"
)


def snippets(action: str, public: dict[str, Any], **args: object) -> list[dict[str, Any]]:
    pid, sid = args.get("project_id"), args.get("subject_set_id")
    calls = {
        "projects": "zooniverse.projects()",
        "workflows": py_call("zooniverse.workflows", pid),
        "subject_sets": py_call("zooniverse.subject_sets", pid),
        "export_status": py_call("zooniverse.export_status", pid),
        "request_export": py_call("zooniverse.request_export", pid),
        "export_to_basket": py_call("zooniverse.export_to_basket", pid, mode=args.get("mode") or "classifications")
        + ".to_table()",
        "upload": py_call(
            "zooniverse.upload",
            pid,
            sid,
            args.get("items") or [],
            stretch=args.get("stretch") or "asinh",
            interval=args.get("interval") or "zscale",
        ),
        "resume": py_call("zooniverse.resume", args.get("job_id") or ""),
    }
    native = {
        "projects": "for p in Project.where(current_user_roles='owner,collaborator'):\n    print(p.id, p.display_name)\n",
        "workflows": f"for w in Workflow.where(project_id={py(pid)}):\n    print(w.id, w.display_name)\n",
        "subject_sets": f"for s in SubjectSet.where(project_id={py(pid)}):\n    print(s.id, s.display_name)\n",
        "export_status": f"print(Project({py(pid)}).describe_export('classifications'))\n",
        "request_export": f"Project({py(pid)}).generate_export('classifications')\n",
        "export_to_basket": (
            f"export = Project({py(pid)}).get_export('classifications')\nrows = list(export.csv_dictreader())\n"
        ),
        "upload": (
            f"subject_set = SubjectSet({py(sid)})  # then, per PNG: Subject(), add_location(png), "
            "metadata, save(), subject_set.add(subject)\n"
        ),
        "resume": "# the notebook API's job file lists what remains; see the first snippet\n",
    }
    code = calls.get(action, calls["projects"])
    out = [
        {
            "id": "notebook",
            "title": "In a notebook (jupyter-escape)",
            "language": "python",
            "code": f"from jupyter_escape import zooniverse\n\nresult = {code}\nresult\n",
        }
    ]
    connect = _CONNECT.format(
        endpoint=py(public.get("endpoint")),
        username=py(public.get("username")),
        password_file=py("path/to/your/0600/password-file"),
    )
    out.append(
        {
            "id": "panoptes-client",
            "title": "With panoptes-client",
            "language": "python",
            "code": connect + "\n" + native.get(action, native["projects"]),
        }
    )
    return out
