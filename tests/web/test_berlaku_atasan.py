"""The web supervisor's lists and decisions follow the chain in force on each activity's and
request's date (issue 10 item 1): Bagas reports to Kurnia until 1 February 2021 and to Sekar
from 2 February (`pegawai ubah --atasan --mulai`); the clock is 3 February."""

from __future__ import annotations

import sqlite3

from .conftest import ATASAN, ATASAN_2, LAIN, PEGAWAI


def stored(db, sql, *args):  # type: ignore[no-untyped-def]
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def test_pending_activities_and_requests_go_to_the_supervisor_of_their_date(layan) -> None:  # type: ignore[no-untyped-def]
    bagas = layan.logged_in(PEGAWAI)
    kurnia, sekar, top = layan.logged_in(ATASAN), layan.logged_in(LAIN), layan.logged_in(ATASAN_2)
    layan.kerja("pegawai", "ubah", PEGAWAI, "--atasan", LAIN, "--mulai", "2021-02-02", "--alasan", "mutasi")
    a1 = bagas.post(
        "/api/kinerja", {"tanggal": "2021-02-01", "mulai": "08:00", "selesai": "09:00", "uraian": "Rapat"}
    ).json["id"]
    a2 = bagas.post(
        "/api/kinerja", {"tanggal": "2021-02-02", "mulai": "08:00", "selesai": "09:00", "uraian": "Rapat"}
    ).json["id"]
    # Kurnia (and his own supervisor, above him) had Bagas on the 1st; Sekar has him from the 2nd.
    assert [p["id"] for p in kurnia.get("/api/validasi").json] == [a1]
    assert [p["id"] for p in top.get("/api/validasi").json] == [a1]
    assert [p["id"] for p in sekar.get("/api/validasi").json] == [a2]
    page = kurnia.get("/validasi").text
    assert f'value="{a1}"' in page and f'value="{a2}"' not in page
    assert sekar.post("/api/validasi", {"id": [a1], "tolak": False}).status == 403
    assert sekar.post("/api/validasi", {"id": [a2], "tolak": False}).json == {"disetujui": 1, "ditolak": 0}
    assert kurnia.post("/api/validasi", {"id": [a1], "tolak": False}).json == {"disetujui": 1, "ditolak": 0}
    assert stored(layan.db, "SELECT id, divalidasi_oleh FROM kinerja ORDER BY id") == [
        (a1, ATASAN),
        (a2, LAIN),
    ]

    r1, r2 = (
        bagas.post(
            "/api/permohonan",
            {"jenis": "koreksi", "tanggal": day, "pulang": "16:10", "alasan": "lupa presensi pulang"},
        ).json["id"]
        for day in ("2021-02-01", "2021-02-02")
    )
    assert [p["id"] for p in kurnia.get("/api/permohonan?menunggu=1").json] == [r1]
    assert [p["id"] for p in sekar.get("/api/permohonan?menunggu=1").json] == [r2]
    assert kurnia.post(f"/api/permohonan/{r2}/putusan", {"setuju": True}).status == 403
    assert sekar.post(f"/api/permohonan/{r1}/putusan", {"setuju": True}).status == 403
    assert kurnia.post(f"/api/permohonan/{r1}/putusan", {"setuju": True}).status == 200
    assert sekar.post(f"/api/permohonan/{r2}/putusan", {"setuju": True}).status == 200
    assert stored(layan.db, "SELECT id, status, diputus_oleh FROM permohonan ORDER BY id") == [
        (r1, "disetujui", ATASAN),
        (r2, "disetujui", LAIN),
    ]
