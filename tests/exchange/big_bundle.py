"""A synthetic province the size of the demo one (~5,000 people, ~20,000 qualifications)."""

from __future__ import annotations

import csv
from pathlib import Path

from nq05.exchange.files import FILES_BY_NAME


def _write(folder: Path, name: str, rows: list[list]) -> None:
    with open(folder / f"{name}.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(FILES_BY_NAME[name].column_names)
        writer.writerows(rows)


def write_big_bundle(folder: Path, people: int = 5000) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    units = [["TINH", "Tỉnh", "province", ""]]
    units += [[f"S{i:02}", f"Sở {i}", "province", "TINH"] for i in range(20)]
    units += [[f"H{i}", f"Huyện {i}", "district", "TINH"] for i in range(8)]
    units += [[f"X{i:03}", f"Xã {i}", "commune", f"H{i % 8}"] for i in range(100)]
    _write(folder, "units", units)
    _write(
        folder,
        "positions",
        [["CV", "Chuyên viên", "", "", "", ""], ["TP", "Trưởng phòng", "", "bachelor", "", ""]],
    )
    codes = [f"P{i:05}" for i in range(people)]
    _write(
        folder,
        "people",
        [
            [c, f"Cán bộ {c}", "MF"[i % 2], f"{1960 + i % 35}-0{1 + i % 9}-1{i % 10}", "Thái", "", ""]
            for i, c in enumerate(codes)
        ],
    )
    assignments, qualifications = [], []
    for i, c in enumerate(codes):
        unit = units[1 + i % (len(units) - 1)][0]
        assignments.append([c, unit, "PROV_CIVIL", "CV", "2000-01-01", "2009-12-31"])
        assignments.append([c, unit, "PROV_CIVIL", "TP" if i % 7 == 0 else "CV", "2010-01-01", ""])
        qualifications += [
            [c, "edu", "upper_secondary", ""],
            [c, "pro", "bachelor", "2005-06-30"],
            [c, "pol", "elementary", "2008-06-30"],
            [c, "sm", "specialist", ""],
        ]
    _write(folder, "assignments", assignments)
    _write(folder, "qualifications", qualifications)
    _write(
        folder,
        "programmes",
        [
            ["POL_INT", "Trung cấp LLCT", "certificate", "pol", "intermediate", "8", "", "", "", "", "", ""],
            ["MASTER", "Thạc sĩ", "degree", "pro", "master", "24", "", "bachelor", "", "", "45", "3"],
        ],
    )
    _write(folder, "centres", [["TCT", "Trường Chính trị tỉnh"]])
    classes = [
        [f"C{i:02}", "POL_INT", "TCT", "2013", "2013-03-01", "2013-10-31", "100", ""] for i in range(20)
    ]
    _write(folder, "classes", classes)
    _write(
        folder,
        "enrollments",
        [
            [c, f"C{i % 20:02}", "completed" if i % 2 else "accepted", "", "", "2013-10-31" if i % 2 else ""]
            for i, c in enumerate(codes[:2000])
        ],
    )
    plans = [[u[0], "2014", "1", "approved", "2013-11-15", "2013-12-10"] for u in units]
    _write(folder, "plans", plans)
    _write(
        folder,
        "plan_lines",
        [
            [p[0], "2014", "1", "POL_INT", "", "5", ";".join(codes[j * 5 : j * 5 + 3])]
            for j, p in enumerate(plans)
        ],
    )
