"""Media types -> the record's data formats."""

from __future__ import annotations

from intreg.records.endpoint import DataFormat


def data_format(media_type: str) -> str:
    """The DataFormat value for a media type (binary for anything unrecognised)."""
    media = media_type.split(";")[0].strip().lower()
    if media == "application/x-www-form-urlencoded":
        return DataFormat.FORM.value
    if media.startswith("multipart/"):
        return DataFormat.MULTIPART.value
    if "json" in media:
        return DataFormat.JSON.value
    if "xml" in media:
        return DataFormat.XML.value
    if media.startswith("text/"):
        return DataFormat.TEXT.value
    return DataFormat.BINARY.value
