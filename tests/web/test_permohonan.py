"""Requests: asked on the web, decided by the supervisor, recorded exactly as the clerk would."""

from __future__ import annotations

import base64
import json
import sqlite3

from .conftest import ATASAN, LAIN, PEGAWAI

JPG = b"\xff\xd8\xff\xe0" + b"\x00\x10JFIF" + b"\x00" * 200


def q(db, sql, *args):  # type: ignore[no-untyped-def]
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql, args)]
    finally:
        conn.close()


def test_approved_correction_is_the_clerks_record(layan) -> None:  # type: ignore[no-untyped-def]
    bagas, kurnia = layan.logged_in(PEGAWAI), layan.logged_in(ATASAN)
    r = bagas.post(
        "/api/permohonan",
        {"jenis": "koreksi", "tanggal": "2021-02-02", "pulang": "16:10", "alasan": "lupa presensi pulang"},
    )
    assert r.status == 201, r.text
    req = r.json
    assert req["status"] == "menunggu" and req["nip"] == PEGAWAI
    assert q(layan.db, "SELECT * FROM presensi") == []  # nothing recorded before the decision
    waiting = json.loads(layan.kerja("permohonan", "daftar", "--menunggu", "--json").stdout)
    assert [w["id"] for w in waiting] == [req["id"]]
    assert [p["id"] for p in kurnia.get("/api/permohonan?menunggu=1").json] == [req["id"]]
    # Sekar is not in Bagas's chain; Bagas may not decide his own.
    sekar = layan.logged_in(LAIN)
    assert sekar.post(f"/api/permohonan/{req['id']}/putusan", {"setuju": True}).status == 403
    assert bagas.post(f"/api/permohonan/{req['id']}/putusan", {"setuju": True}).status == 403
    ok = kurnia.post(f"/api/permohonan/{req['id']}/putusan", {"setuju": True})
    assert ok.status == 200 and ok.json["status"] == "disetujui" and ok.json["diputus_oleh"] == ATASAN
    again = kurnia.post(f"/api/permohonan/{req['id']}/putusan", {"setuju": True})
    assert again.status == 409
    # The clerk's own command for the same fact, on Sekar, to compare the two records.
    layan.kerja("presensi", "pulang", LAIN, "--waktu", "2021-02-02 16:10", "--oleh", ATASAN)
    got = {r["nip"]: r for r in q(layan.db, "SELECT * FROM presensi")}
    web, clerk = got[PEGAWAI], got[LAIN]
    same = ("tanggal", "jenis", "mode", "sumber", "state", "oleh", "lat", "lon")
    assert {k: web[k] for k in same} == {k: clerk[k] for k in same}
    assert (web["waktu"], web["sumber"], web["oleh"]) == ("2021-02-02T16:10:00+07:00", "manual", ATASAN)
    log = q(layan.db, "SELECT aksi, oleh, nip, alasan, sumber FROM audit WHERE nip = ? ORDER BY id", PEGAWAI)
    rec = next(a for a in log if a["aksi"] == "presensi.pulang")
    assert rec["oleh"] == ATASAN and PEGAWAI in rec["alasan"] and ATASAN in rec["alasan"]
    assert rec["sumber"] == "web"
    assert [a["aksi"] for a in log if a["aksi"].startswith("permohonan.")] == [
        "permohonan.ajukan",
        "permohonan.setujui",
    ]


def test_status_request_with_attachment(layan) -> None:  # type: ignore[no-untyped-def]
    bagas, kurnia = layan.logged_in(PEGAWAI), layan.logged_in(ATASAN)
    body = {
        "jenis": "status",
        "kode": "S",
        "tanggal": "2021-02-04",
        "sampai": "2021-02-05",
        "alasan": "surat dokter",
        "lampiran": base64.b64encode(JPG).decode(),
    }
    r = bagas.post("/api/permohonan", body)
    assert r.status == 201, r.text
    rid = r.json["id"]
    stored = q(layan.db, "SELECT lampiran FROM permohonan")[0]["lampiran"]
    folder = layan.db.with_name(layan.db.name + ".lampiran")
    assert (folder / stored).read_bytes() == JPG and (folder / stored).stat().st_mode & 0o077 == 0
    got = kurnia.get(f"/permohonan/{rid}/lampiran")
    assert got.status == 200 and got.body == JPG and got.headers["Content-Type"] == "image/jpeg"
    assert layan.logged_in(LAIN).get(f"/permohonan/{rid}/lampiran").status == 403
    assert kurnia.post(f"/api/permohonan/{rid}/putusan", {"setuju": True}).status == 200
    st = q(layan.db, "SELECT nip, kode, mulai, sampai, oleh FROM status_hari")
    assert st == [
        {"nip": PEGAWAI, "kode": "S", "mulai": "2021-02-04", "sampai": "2021-02-05", "oleh": ATASAN}
    ]


def test_bad_attachments_and_rejections(layan) -> None:  # type: ignore[no-untyped-def]
    bagas, kurnia = layan.logged_in(PEGAWAI), layan.logged_in(ATASAN)
    base = {"jenis": "status", "kode": "I", "tanggal": "2021-02-04", "alasan": "urusan keluarga"}
    exe = bagas.post("/api/permohonan", base | {"lampiran": base64.b64encode(b"MZ\x90\x00" * 10).decode()})
    assert exe.status == 400 and "PDF atau JPG" in exe.json["galat"]
    big = bagas.post("/api/permohonan", base | {"lampiran": base64.b64encode(JPG * 12_000).decode()})
    assert big.status in (400, 413)
    assert q(layan.db, "SELECT * FROM permohonan") == []
    r = bagas.post("/api/permohonan", base).json
    no_reason = kurnia.post(f"/api/permohonan/{r['id']}/putusan", {"setuju": False})
    assert no_reason.status == 400
    no = kurnia.post(f"/api/permohonan/{r['id']}/putusan", {"setuju": False, "alasan": "tanpa surat"})
    assert no.json["status"] == "ditolak" and q(layan.db, "SELECT * FROM status_hari") == []


def test_locked_month_refuses_requests_and_decisions(layan) -> None:  # type: ignore[no-untyped-def]
    bagas, kurnia = layan.logged_in(PEGAWAI), layan.logged_in(ATASAN)
    r = bagas.post(
        "/api/permohonan",
        {"jenis": "koreksi", "tanggal": "2021-02-01", "masuk": "07:20", "alasan": "mesin mati"},
    )
    layan.kerja("rekap", "kunci", "--bulan", "2021-02", "--paksa")
    late = bagas.post(
        "/api/permohonan", {"jenis": "koreksi", "tanggal": "2021-02-02", "masuk": "07:20", "alasan": "x"}
    )
    assert late.status == 409 and "dikunci" in late.json["galat"]
    d = kurnia.post(f"/api/permohonan/{r.json['id']}/putusan", {"setuju": True})
    assert d.status == 409
    assert q(layan.db, "SELECT * FROM presensi") == []
    assert q(layan.db, "SELECT status FROM permohonan") == [{"status": "menunggu"}]
