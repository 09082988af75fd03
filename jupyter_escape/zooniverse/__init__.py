"""Citizen science with Zooniverse: projects, workflows, subject sets, exports into the basket, subject-set uploads
from basket items. Domain code over panoptes-client: no tornado, no jupyter_server. The notebook API::

    from jupyter_escape import zooniverse
    zooniverse.projects()
"""

from .api import (
    configure,
    create_subject_set,
    export_status,
    export_to_basket,
    projects,
    request_export,
    resume,
    settings,
    subject_sets,
    subjects,
    upload,
    upload_status,
    workflows,
)

__all__ = [
    "configure",
    "create_subject_set",
    "export_status",
    "export_to_basket",
    "projects",
    "request_export",
    "resume",
    "settings",
    "subject_sets",
    "subjects",
    "upload",
    "upload_status",
    "workflows",
]
