"""Permissions: the generic policy, except that whoever may register a replica on an RSE may also mark it
available there (what ``rucio upload`` needs). See the package docstring."""

from rucio.core.permission import generic


def has_permission(issuer, action, kwargs, *, session=None):
    if action == "update_replicas_states":
        allowed = generic.has_permission(issuer, "add_replicas", {"rse": kwargs.get("rse")}, session=session)
        if allowed:
            return allowed
    return generic.has_permission(issuer, action, kwargs, session=session)
