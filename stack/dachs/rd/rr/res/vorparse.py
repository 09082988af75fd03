"""Turns OAI-PMH ListRecords pages (metadataPrefix=ivo_vor) into RegTAP 1.1 (+1.2 stc_*) rows.

Used by the dispatching grammar of rr/q.rd (DaCHS runs it); also runnable for a look at the rows:
    python3 vorparse.py page-000.xml

The rules follow "Registry Relational Schema" (RegTAP 1.1): ivoids, standard ids, types and other
case-insensitive values are lowercased; list-like values (waveband, content_type, ...) are '#'-joined;
capabilities and interfaces are numbered from 1 per resource. Only the standard library is used.
"""

import datetime
import sys
import xml.etree.ElementTree as ET

XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"

# Columns per table, in the RD's order; every row carries all of them (None when absent).
TABLES = {
    "resource": [
        "ivoid",
        "res_type",
        "created",
        "short_name",
        "res_title",
        "content_level",
        "res_description",
        "reference_url",
        "creator_seq",
        "content_type",
        "source_format",
        "source_value",
        "res_version",
        "region_of_regard",
        "waveband",
        "rights",
        "rights_uri",
        "harvested_from",
        "updated",
    ],
    "res_role": [
        "ivoid",
        "role_name",
        "role_ivoid",
        "street_address",
        "email",
        "telephone",
        "logo",
        "base_role",
    ],
    "res_subject": ["ivoid", "res_subject"],
    "capability": ["ivoid", "cap_index", "cap_type", "cap_description", "standard_id"],
    "res_schema": [
        "ivoid",
        "schema_index",
        "schema_description",
        "schema_name",
        "schema_title",
        "schema_utype",
    ],
    "res_table": [
        "ivoid",
        "schema_index",
        "table_description",
        "table_name",
        "table_index",
        "table_title",
        "table_type",
        "table_utype",
        "nrows",
    ],
    "table_column": [
        "ivoid",
        "table_index",
        "name",
        "ucd",
        "unit",
        "utype",
        "datatype",
        "extended_schema",
        "extended_type",
        "arraysize",
        "delim",
        "type_system",
        "flag",
        "column_description",
    ],
    "interface": [
        "ivoid",
        "cap_index",
        "intf_index",
        "intf_type",
        "intf_role",
        "std_version",
        "query_type",
        "result_type",
        "wsdl_url",
        "url_use",
        "access_url",
        "mirror_url",
        "authenticated_only",
    ],
    "intf_param": [
        "ivoid",
        "intf_index",
        "name",
        "ucd",
        "unit",
        "utype",
        "std",
        "datatype",
        "extended_schema",
        "extended_type",
        "arraysize",
        "delim",
        "param_use",
        "param_description",
    ],
    "relationship": ["ivoid", "relationship_type", "related_id", "related_name"],
    "validation": ["ivoid", "validated_by", "val_level", "cap_index"],
    "res_date": ["ivoid", "date_value", "value_role"],
    "res_detail": ["ivoid", "cap_index", "detail_xpath", "detail_value"],
    "alt_identifier": ["ivoid", "alt_identifier"],
    "stc_spatial": ["ivoid", "coverage", "ref_system_name"],
    "stc_temporal": ["ivoid", "time_start", "time_end"],
    "stc_spectral": ["ivoid", "spectral_start", "spectral_end"],
}

# Capability children that get their own tables (or are noise) rather than rr.res_detail rows.
_CAP_NOT_DETAILS = {"interface", "description", "validationLevel"}


def _local(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _kids(el, name):
    return [c for c in el if _local(c.tag) == name]


def _kid(el, name):
    for c in el:
        if _local(c.tag) == name:
            return c
    return None


def _text(el, name=None):
    if name is not None:
        el = _kid(el, name) if el is not None else None
    if el is None or el.text is None:
        return None
    text = " ".join(el.text.split())
    return text or None


def _lower(s):
    return s.lower() if s else s


def _hashlist(values):
    values = [v.lower() for v in values if v]
    return "#".join(values) if values else None


def _xsi_type(el):
    t = el.get(XSI_TYPE)
    return t.lower() if t else None


def _timestamp(s):
    if not s:
        return None
    s = s.strip().rstrip("Z")
    for fmt in ("%Y-%m-%dT%H:%M:%S.%f", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(s, fmt)
        except ValueError:
            pass
    return None


def _row(table, **values):
    unknown = set(values) - set(TABLES[table])
    if unknown:
        raise ValueError("rr.{} has no column(s) {}".format(table, ", ".join(sorted(unknown))))
    return table, {col: values.get(col) for col in TABLES[table]}


def _roles(ivoid, curation):
    if curation is None:
        return
    for el in _kids(curation, "publisher"):
        yield _row(
            "res_role",
            ivoid=ivoid,
            role_name=_text(el),
            role_ivoid=_lower(el.get("ivo-id")),
            base_role="publisher",
        )
    for el in _kids(curation, "creator"):
        yield _row(
            "res_role",
            ivoid=ivoid,
            role_name=_text(el, "name"),
            role_ivoid=_lower((_kid(el, "name") if _kid(el, "name") is not None else el).get("ivo-id")),
            logo=_text(el, "logo"),
            base_role="creator",
        )
    for el in _kids(curation, "contributor"):
        yield _row(
            "res_role",
            ivoid=ivoid,
            role_name=_text(el),
            role_ivoid=_lower(el.get("ivo-id")),
            base_role="contributor",
        )
    for el in _kids(curation, "contact"):
        yield _row(
            "res_role",
            ivoid=ivoid,
            role_name=_text(el, "name"),
            street_address=_text(el, "address"),
            email=_text(el, "email"),
            telephone=_text(el, "telephone"),
            base_role="contact",
        )
    for el in _kids(curation, "date"):
        yield _row("res_date", ivoid=ivoid, date_value=_timestamp(el.text), value_role=_lower(el.get("role")))


def _details(ivoid, cap_index, el, prefix):
    """Leaf values below el as RegTAP res_detail rows with xpaths like /capability/dataModel/@ivo-id."""
    for child in el:
        name = _local(child.tag)
        if prefix == "/capability" and name in _CAP_NOT_DETAILS:
            continue
        path = f"{prefix}/{name}"
        for att, val in child.attrib.items():
            if att != XSI_TYPE:
                yield _row(
                    "res_detail",
                    ivoid=ivoid,
                    cap_index=cap_index,
                    detail_xpath=f"{path}/@{att}",
                    detail_value=val,
                )
        if len(child):
            yield from _details(ivoid, cap_index, child, path)
        elif _text(child):
            yield _row("res_detail", ivoid=ivoid, cap_index=cap_index, detail_xpath=path, detail_value=_text(child))


def _params(ivoid, intf_index, intf):
    for p in _kids(intf, "param"):
        dt = _kid(p, "dataType")
        yield _row(
            "intf_param",
            ivoid=ivoid,
            intf_index=intf_index,
            name=_text(p, "name"),
            ucd=_text(p, "ucd"),
            unit=_text(p, "unit"),
            utype=_text(p, "utype"),
            std=1 if p.get("std") == "true" else 0,
            datatype=_text(dt),
            extended_type=dt.get("extendedType") if dt is not None else None,
            extended_schema=dt.get("extendedSchema") if dt is not None else None,
            arraysize=dt.get("arraysize") if dt is not None else None,
            delim=dt.get("delim") if dt is not None else None,
            param_use=p.get("use"),
            param_description=_text(p, "description"),
        )


def _capabilities(ivoid, res):
    intf_index = 0
    for cap_index, cap in enumerate(_kids(res, "capability"), 1):
        yield _row(
            "capability",
            ivoid=ivoid,
            cap_index=cap_index,
            cap_type=_xsi_type(cap),
            cap_description=_text(cap, "description"),
            standard_id=_lower(cap.get("standardID")),
        )
        for val in _kids(cap, "validationLevel"):
            yield _row(
                "validation",
                ivoid=ivoid,
                cap_index=cap_index,
                validated_by=_lower(val.get("validatedBy")),
                val_level=int(val.text),
            )
        yield from _details(ivoid, cap_index, cap, "/capability")
        for intf in _kids(cap, "interface"):
            intf_index += 1
            url = _kid(intf, "accessURL")
            yield _row(
                "interface",
                ivoid=ivoid,
                cap_index=cap_index,
                intf_index=intf_index,
                intf_type=_xsi_type(intf),
                intf_role=intf.get("role"),
                std_version=intf.get("version"),
                query_type=_hashlist([_text(q) for q in _kids(intf, "queryType")]),
                result_type=_text(intf, "resultType"),
                wsdl_url=_text(intf, "wsdlURL"),
                url_use=url.get("use") if url is not None else None,
                access_url=_text(url),
                mirror_url=_hashlist([_text(m) for m in _kids(intf, "mirrorURL")]),
                authenticated_only=1 if _kid(intf, "securityMethod") is not None else 0,
            )
            yield from _params(ivoid, intf_index, intf)


def _tables(ivoid, res):
    tableset = _kid(res, "tableset")
    if tableset is None:
        return
    table_index = 0
    for schema_index, schema in enumerate(_kids(tableset, "schema"), 1):
        yield _row(
            "res_schema",
            ivoid=ivoid,
            schema_index=schema_index,
            schema_name=_text(schema, "name"),
            schema_title=_text(schema, "title"),
            schema_description=_text(schema, "description"),
            schema_utype=_text(schema, "utype"),
        )
        for table in _kids(schema, "table"):
            table_index += 1
            nrows = _text(table, "nrows")
            yield _row(
                "res_table",
                ivoid=ivoid,
                schema_index=schema_index,
                table_index=table_index,
                table_name=_text(table, "name"),
                table_title=_text(table, "title"),
                table_description=_text(table, "description"),
                table_type=table.get("type"),
                table_utype=_lower(_text(table, "utype")),
                nrows=int(nrows) if nrows else None,
            )
            for col in _kids(table, "column"):
                dt = _kid(col, "dataType")
                yield _row(
                    "table_column",
                    ivoid=ivoid,
                    table_index=table_index,
                    name=_text(col, "name"),
                    ucd=_text(col, "ucd"),
                    unit=_text(col, "unit"),
                    utype=_text(col, "utype"),
                    datatype=_lower(_text(dt)),
                    type_system=_lower(_xsi_type(dt)) if dt is not None else None,
                    extended_type=dt.get("extendedType") if dt is not None else None,
                    extended_schema=dt.get("extendedSchema") if dt is not None else None,
                    arraysize=dt.get("arraysize") if dt is not None else None,
                    delim=dt.get("delim") if dt is not None else None,
                    flag=_hashlist([_text(f) for f in _kids(col, "flag")]),
                    column_description=_text(col, "description"),
                )


def _coverage(ivoid, res):
    cov = _kid(res, "coverage")
    if cov is None:
        return [], None, None
    rows = []
    spatial = _text(cov, "spatial")
    if spatial:
        rows.append(
            _row(
                "stc_spatial",
                ivoid=ivoid,
                coverage=spatial,
                ref_system_name=_kid(cov, "spatial").get("frame") or "ICRS",
            )
        )
    for el in _kids(cov, "temporal"):
        parts = (el.text or "").split()
        if len(parts) == 2:
            rows.append(_row("stc_temporal", ivoid=ivoid, time_start=float(parts[0]), time_end=float(parts[1])))
    for el in _kids(cov, "spectral"):
        parts = (el.text or "").split()
        if len(parts) == 2:
            rows.append(_row("stc_spectral", ivoid=ivoid, spectral_start=float(parts[0]), spectral_end=float(parts[1])))
    for fp in _kids(cov, "footprint"):
        rows.append(_row("res_detail", ivoid=ivoid, detail_xpath="/coverage/footprint", detail_value=_text(fp)))
        if fp.get("ivo-id"):
            rows.append(
                _row(
                    "res_detail",
                    ivoid=ivoid,
                    detail_xpath="/coverage/footprint/@ivo-id",
                    detail_value=fp.get("ivo-id"),
                )
            )
    wavebands = _hashlist([_text(w) for w in _kids(cov, "waveband")])
    rr = _text(cov, "regionOfRegard")
    return rows, wavebands, float(rr) if rr else None


def iter_resource_rows(res, harvested_from=None):
    """(table, row) pairs for one VOResource element."""
    ivoid = _lower(_text(res, "identifier"))
    if not ivoid:
        return
    content = _kid(res, "content")
    curation = _kid(res, "curation")
    cov_rows, wavebands, region = _coverage(ivoid, res)
    source = _kid(content, "source") if content is not None else None
    rights = _kids(res, "rights")
    creators = [_text(c, "name") for c in _kids(curation, "creator")] if curation is not None else []
    yield _row(
        "resource",
        ivoid=ivoid,
        res_type=_xsi_type(res),
        created=_timestamp(res.get("created")),
        updated=_timestamp(res.get("updated")),
        short_name=_text(res, "shortName"),
        res_title=_text(res, "title"),
        res_version=_text(curation, "version") if curation is not None else None,
        res_description=_text(content, "description") if content is not None else None,
        reference_url=_text(content, "referenceURL") if content is not None else None,
        content_level=_hashlist([_text(e) for e in _kids(content, "contentLevel")]) if content is not None else None,
        content_type=_hashlist([_text(e) for e in _kids(content, "type")]) if content is not None else None,
        source_format=source.get("format") if source is not None else None,
        source_value=_text(source),
        creator_seq="; ".join(c for c in creators if c) or None,
        region_of_regard=region,
        waveband=wavebands,
        rights=_hashlist([_text(r) for r in rights]),
        rights_uri=_hashlist([r.get("rightsURI") for r in rights if r.get("rightsURI")]),
        harvested_from=harvested_from,
    )
    yield from _roles(ivoid, curation)
    if content is not None:
        for subj in _kids(content, "subject"):
            if _text(subj):
                yield _row("res_subject", ivoid=ivoid, res_subject=_text(subj))
        for rel in _kids(content, "relationship"):
            for related in _kids(rel, "relatedResource"):
                yield _row(
                    "relationship",
                    ivoid=ivoid,
                    relationship_type=_lower(_text(rel, "relationshipType")),
                    related_id=_lower(related.get("ivo-id")),
                    related_name=_text(related),
                )
    for alt in _kids(res, "altIdentifier"):
        yield _row("alt_identifier", ivoid=ivoid, alt_identifier=_text(alt))
    for val in _kids(res, "validationLevel"):
        yield _row("validation", ivoid=ivoid, validated_by=_lower(val.get("validatedBy")), val_level=int(val.text))
    for name in ("managedAuthority", "full", "facility", "instrument"):
        for el in _kids(res, name):
            if _text(el):
                yield _row("res_detail", ivoid=ivoid, detail_xpath="/" + name, detail_value=_text(el))
    yield from cov_rows
    yield from _capabilities(ivoid, res)
    yield from _tables(ivoid, res)


def iter_oai_rows(path, harvested_from=None):
    """(table, row) pairs for every live record of an OAI-PMH ListRecords/GetRecord page."""
    root = ET.parse(path).getroot()
    for record in root.iter():
        if _local(record.tag) != "record":
            continue
        header = _kid(record, "header")
        if header is not None and header.get("status") == "deleted":
            continue
        metadata = _kid(record, "metadata")
        if metadata is None:
            continue
        for res in metadata:
            if _local(res.tag) == "Resource":
                yield from iter_resource_rows(res, harvested_from)


if __name__ == "__main__":
    counts = {}
    for table, row in iter_oai_rows(sys.argv[1]):
        counts[table] = counts.get(table, 0) + 1
        if table in ("resource", "capability", "interface"):
            print(table, row)
    print(counts)
