"""A submitted workbook's XML parts are read with a parser that refuses entity declarations."""

from __future__ import annotations

import zipfile
from pathlib import Path

from paritrana_nb.intake.inbox import _template_record
from paritrana_nb.intake.workbook import META_FORMAT, META_PREFIX

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_PROPS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"


def _workbook(path: Path, doctype: str, musim: str) -> Path:
    """A workbook package holding only its workbook part and the part `_template_record` reads."""
    book = f'<workbook xmlns="{_MAIN}"><sheets><sheet name="data" sheetId="1"/></sheets></workbook>'
    props = "".join(
        f'<property name="{META_PREFIX}{name}"><vt:lpwstr>{value}</vt:lpwstr></property>'
        for name, value in (("format", META_FORMAT), ("musim", musim))
    )
    custom = f'<?xml version="1.0"?>{doctype}<Properties xmlns="{_PROPS}" xmlns:vt="{_VT}">{props}</Properties>'
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("xl/workbook.xml", book)
        package.writestr("docProps/custom.xml", custom)
    return path


def test_a_template_record_is_read(tmp_path: Path) -> None:
    assert _template_record(_workbook(tmp_path / "a.xlsx", "", "2025")) == {"format": META_FORMAT, "musim": "2025"}


def test_an_entity_declaration_is_refused_not_expanded(tmp_path: Path) -> None:
    """An entity (the seed of an expansion bomb) loses the template record; it is never expanded into it."""
    doctype = '<!DOCTYPE Properties [<!ENTITY musim "2025">]>'
    assert _template_record(_workbook(tmp_path / "a.xlsx", doctype, "&musim;")) == {}
