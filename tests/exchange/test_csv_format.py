"""CSV details: BOM, CRLF, quoted values over several lines, blank lines, spaces around values."""

from __future__ import annotations

from sqlalchemy import select

from nq05.staff.models import Unit
from tests.exchange.conftest import failed_import, row_counts


def test_bom_and_crlf_are_accepted(runner, db, bundle):
    for path in bundle.iterdir():
        text = path.read_text(encoding="utf-8")
        path.write_bytes("\ufeff".encode() + text.replace("\n", "\r\n").encode("utf-8"))

    result = runner.invoke(args=["import", str(bundle)])

    assert result.exit_code == 0, result.stderr
    assert row_counts(db) == (5, 26)


def test_lines_are_physical_lines_of_the_file(runner, db, bundle):
    (bundle / "units.csv").write_text(
        "code,name,level,parent_code\r\n"
        "TINH,Ban Tổ chức Tỉnh ủy,province,\r\n"
        'SNV,"Sở Nội vụ\r\n(Home Affairs)",province,TINH\r\n'
        "\r\n"
        "H1,Huyện Tam Đường,district,TINH\r\n"
        "H2,Huyện Phong Thổ,district,TINH\r\n"
        "X1,Xã Bình Lư,commune,H9\r\n",
        encoding="utf-8",
        newline="",
    )

    # a value over several lines is read whole (and refused: a name is one line, as on the web)
    assert failed_import(runner, bundle) == [
        "units.csv:3: name: có ký tự điều khiển \\r",
        "units.csv:8: parent_code: không có đơn vị nào mã 'H9'",
    ]


def test_spaces_around_values_are_ignored_and_empty_means_none(runner, db, bundle):
    (bundle / "units.csv").write_text(
        "code , name,level,parent_code\n TINH ,Ban Tổ chức Tỉnh ủy ,province,  \n"
        "SNV,Sở Nội vụ,province,TINH\nH1,Huyện Tam Đường,district,TINH\n"
        "H2,Huyện Phong Thổ,district,TINH\nX1,Xã Bình Lư,commune,H1\n",
        encoding="utf-8",
    )

    result = runner.invoke(args=["import", str(bundle)])

    assert result.exit_code == 0, result.stderr
    tinh = db.session.scalar(select(Unit).where(Unit.code == "TINH"))
    assert (tinh.name, tinh.parent_id) == ("Ban Tổ chức Tỉnh ủy", None)
