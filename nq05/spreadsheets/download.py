"""A workbook as a download: an attachment no browser or proxy keeps (``Cache-Control: no-store``)."""

from __future__ import annotations

import io

from flask import send_file

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_download(content: bytes, name: str):
    """The response for a workbook's bytes (written with nq05.spreadsheets.writing) named ``name``."""
    response = send_file(io.BytesIO(content), mimetype=XLSX, as_attachment=True, download_name=name)
    response.headers["Cache-Control"] = "no-store"
    return response
