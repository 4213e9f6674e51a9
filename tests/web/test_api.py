"""The §13 JSON API over real HTTP: each answer checked against what the store then holds."""

from __future__ import annotations

import json
import sqlite3

from .conftest import ATASAN, ATASAN_2, LAIN, PEGAWAI, PETUGAS, SANDI


def rows(db, sql, *args):  # type: ignore[no-untyped-def]
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql, args)]
    finally:
        conn.close()


def test_first_login_forces_a_new_password(layan) -> None:  # type: ignore[no-untyped-def]
    once = layan.account(PEGAWAI)
    c = layan.client()
    r = c.login(PEGAWAI, once)
    assert r.status == 200
    assert r.json["ganti_sandi"] is True and r.json["nip"] == PEGAWAI and r.json["peran"] == "pegawai"
    cookie = r.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Secure" not in cookie  # plain HTTP
    # Nothing but the password change (and who am I / log out) until it is done.
    assert c.post("/api/presensi", {"jenis": "masuk"}).status == 403
    assert rows(layan.db, "SELECT * FROM presensi") == []
    assert c.get("/api/saya").status == 200
    short = c.post("/api/sandi", {"lama": once, "baru": "pendek"})
    assert short.status == 400 and "10" in short.json["galat"]
    assert c.post("/api/sandi", {"lama": once, "baru": SANDI}).status == 200
    assert c.post("/api/presensi", {"jenis": "masuk"}).status == 201
    # The one-time password no longer works; the new one does, without a forced change.
    assert layan.client().login(PEGAWAI, once).status == 401
    again = layan.client().login(PEGAWAI, SANDI)
    assert again.status == 200 and again.json["ganti_sandi"] is False
    stored = rows(layan.db, "SELECT sandi FROM akun WHERE nip = ?", PEGAWAI)[0]["sandi"]
    assert stored.startswith("$argon2id$") and SANDI not in stored


def test_check_in_uses_the_server_clock_and_gives_the_lateness(layan) -> None:  # type: ignore[no-untyped-def]
    c = layan.logged_in(PEGAWAI)
    me = c.get("/api/saya").json
    assert me == {
        "nip": PEGAWAI,
        "nama": "Bagas Dirgantara",
        "unit": me["unit"],
        "peran": "pegawai",
        "jadwal_hari_ini": None,
    }
    r = c.post("/api/presensi", {"jenis": "masuk", "mode": "WFH"})
    assert r.status == 201, r.text
    out = r.json
    # KERJA_SEKARANG is 07:41:20 WIB; work starts 07:30 -> 41 - 30 = 11 whole minutes late.
    assert out["waktu"] == "2021-02-03T07:41:20+07:00"
    assert out["jenis"] == "masuk" and out["mode"] == "WFH" and out["telat_menit"] == 11
    stored = rows(layan.db, "SELECT * FROM presensi")
    assert len(stored) == 1
    e = stored[0]
    assert (e["id"], e["nip"], e["waktu"], e["tanggal"], e["jenis"], e["mode"], e["sumber"], e["oleh"]) == (
        out["id"],
        PEGAWAI,
        "2021-02-03T07:41:20+07:00",
        "2021-02-03",
        "masuk",
        "WFH",
        "web",
        PEGAWAI,
    )
    log = rows(layan.db, "SELECT * FROM audit WHERE aksi = 'presensi.masuk'")
    assert [(a["oleh"], a["nip"], a["sumber"]) for a in log] == [(PEGAWAI, PEGAWAI, "web")]
    # The clerk's own view of the day agrees.
    harian = json.loads(layan.kerja("presensi", "harian", "--tanggal", "2021-02-03", "--json").stdout)
    mine = next(h for h in harian if h["nip"] == PEGAWAI)
    assert (mine["masuk"], mine["telat_menit"], mine["mode"]) == ("07:41", 11, "WFH")


def test_a_client_cannot_set_the_time_or_the_person(layan) -> None:  # type: ignore[no-untyped-def]
    c = layan.logged_in(PEGAWAI)
    for extra in ({"waktu": "2021-02-03T07:00:00+07:00"}, {"nip": LAIN}):
        r = c.post("/api/presensi", {"jenis": "masuk", **extra})
        assert r.status == 400 and "galat" in r.json
    assert rows(layan.db, "SELECT * FROM presensi") == []


def test_location_beyond_the_unit_radius_is_recorded_and_flagged(layan) -> None:  # type: ignore[no-untyped-def]
    layan.kerja(
        "unit", "ubah", "Diskominfo Sungai Lestari", "--lokasi", "-0.5000,117.1500", "--radius", "200"
    )
    c = layan.logged_in(PEGAWAI)
    # 0.0100 degrees of latitude north: 6,371,000 m x 0.01 x pi/180 = 1,112 m away.
    far = c.post("/api/presensi", {"jenis": "masuk", "lokasi": {"lat": -0.49, "lon": 117.15, "akurasi": 20}})
    assert far.status == 201
    assert "di luar radius" in far.json["catatan"]
    # 0.0010 degrees: 111 m, inside the 200 m radius.
    near = c.post("/api/presensi", {"jenis": "pulang", "lokasi": {"lat": -0.499, "lon": 117.15}})
    assert near.status == 201 and (near.json["catatan"] or "").find("radius") == -1
    got = rows(layan.db, "SELECT jenis, jarak_m, di_luar_radius, akurasi_m FROM presensi ORDER BY id")
    assert [(g["jenis"], g["jarak_m"], g["di_luar_radius"]) for g in got] == [
        ("masuk", 1112, 1),
        ("pulang", 111, 0),
    ]
    assert got[0]["akurasi_m"] == 20
    bad = c.post("/api/presensi", {"jenis": "masuk", "lokasi": {"lat": 95, "lon": 0}})
    assert bad.status == 400


def test_activities_validated_by_the_supervisor(layan) -> None:  # type: ignore[no-untyped-def]
    c = layan.logged_in(PEGAWAI)
    boss = layan.logged_in(ATASAN)
    r = c.post(
        "/api/kinerja",
        {
            "tanggal": "2021-02-03",
            "mulai": "08:00",
            "selesai": "09:30",
            "uraian": "Menyusun laporan",
            "output": "1 laporan",
        },
    )
    assert r.status == 201, r.text
    a = r.json
    assert a["menit"] == 90 and a["status"] == "diajukan" and a["nip"] == PEGAWAI  # 09:30 - 08:00
    overlap = c.post(
        "/api/kinerja", {"tanggal": "2021-02-03", "mulai": "09:00", "selesai": "10:00", "uraian": "x"}
    )
    assert overlap.status == 400 and "tumpang tindih" in overlap.json["galat"]
    assert [x["id"] for x in c.get("/api/kinerja?bulan=2021-02").json] == [a["id"]]
    pending = boss.get("/api/validasi").json
    assert [(p["id"], p["nama"]) for p in pending] == [(a["id"], "Bagas Dirgantara")]
    assert c.get("/api/validasi").json == []  # nobody below Bagas
    v = boss.post("/api/validasi", {"id": [a["id"]], "tolak": False, "alasan": None})
    assert v.status == 200 and v.json == {"disetujui": 1, "ditolak": 0}
    stored = rows(layan.db, "SELECT status, divalidasi_oleh FROM kinerja WHERE id = ?", a["id"])[0]
    assert stored == {"status": "disetujui", "divalidasi_oleh": ATASAN}
    log = rows(layan.db, "SELECT oleh, sumber FROM audit WHERE aksi = 'kinerja.setujui'")
    assert log == [{"oleh": ATASAN, "sumber": "web"}]
    rincian = c.get("/api/rincian?bulan=2021-02").json
    assert set(rincian) == {"nip", "bulan", "hari", "rekap"}
    assert rincian["rekap"]["menit_kinerja"] == 90


def test_the_chain_above_may_validate_too(layan) -> None:  # type: ignore[no-untyped-def]
    c = layan.logged_in(PEGAWAI)
    top = layan.logged_in(ATASAN_2)
    a = c.post(
        "/api/kinerja", {"tanggal": "2021-02-02", "mulai": "08:00", "selesai": "09:00", "uraian": "Rapat"}
    ).json
    assert [p["id"] for p in top.get("/api/validasi").json] == [a["id"]]
    r = top.post("/api/validasi", {"id": [a["id"]], "tolak": True, "alasan": "sebutkan hasilnya"})
    assert r.json == {"disetujui": 0, "ditolak": 1}
    mine = c.get("/api/kinerja?bulan=2021-02").json[0]
    assert (mine["status"], mine["alasan"]) == ("ditolak", "sebutkan hasilnya")


def test_petugas_sees_the_day_of_everyone(layan) -> None:  # type: ignore[no-untyped-def]
    c = layan.logged_in(PEGAWAI)
    clerk = layan.logged_in(PETUGAS, "petugas")
    assert c.post("/api/presensi", {"jenis": "masuk"}).status == 201
    assert c.get("/api/hari-ini").status == 403
    r = clerk.get("/api/hari-ini")
    assert r.status == 200
    day = r.json
    people = {p["nip"]: p for p in day["pegawai"]}
    assert len(people) == 120 and day["tanggal"] == "2021-02-03"
    assert people[PEGAWAI]["keadaan"] == "wfo" and people[PEGAWAI]["telat_menit"] == 11
    # Everyone else has no event yet: 119 not in, 1 in the office.
    assert day["jumlah"]["belum_masuk"] == 119 and day["jumlah"]["wfo"] == 1 and day["jumlah"]["telat"] == 1
    unit = clerk.get("/api/hari-ini?unit=Seksi%20Statistik%20Sektoral").json
    assert PEGAWAI in {p["nip"] for p in unit["pegawai"]} and len(unit["pegawai"]) < 120
    cli = json.loads(layan.kerja("hari-ini", "--tanggal", "2021-02-03", "--json").stdout)
    assert cli["jumlah"] == day["jumlah"]


def test_logout_ends_the_session(layan) -> None:  # type: ignore[no-untyped-def]
    c = layan.logged_in(PEGAWAI)
    assert c.post("/api/keluar").status == 200
    assert c.get("/api/saya").status == 401


def test_a_locked_month_refuses_web_writes(layan) -> None:  # type: ignore[no-untyped-def]
    bagas, kurnia = layan.logged_in(PEGAWAI), layan.logged_in(ATASAN)
    a = bagas.post(
        "/api/kinerja", {"tanggal": "2021-02-02", "mulai": "08:00", "selesai": "09:00", "uraian": "Rapat"}
    ).json
    layan.kerja("rekap", "kunci", "--bulan", "2021-02", "--paksa")
    before = rows(layan.db, "SELECT count(*) AS n FROM audit")[0]["n"]
    r = bagas.post("/api/presensi", {"jenis": "masuk"})
    assert r.status == 409 and "2021-02" in r.json["galat"]
    k = bagas.post(
        "/api/kinerja", {"tanggal": "2021-02-03", "mulai": "08:00", "selesai": "09:00", "uraian": "Rapat"}
    )
    assert k.status == 409
    v = kurnia.post("/api/validasi", {"id": [a["id"]], "tolak": False})
    assert v.status == 409
    assert rows(layan.db, "SELECT * FROM presensi") == []
    assert [x["status"] for x in rows(layan.db, "SELECT status FROM kinerja")] == ["diajukan"]
    assert rows(layan.db, "SELECT count(*) AS n FROM audit")[0]["n"] == before


def test_each_write_is_audited_with_the_person_and_source_web(layan) -> None:  # type: ignore[no-untyped-def]
    bagas, kurnia = layan.logged_in(PEGAWAI), layan.logged_in(ATASAN)
    assert bagas.post("/api/presensi", {"jenis": "masuk"}).status == 201
    a = bagas.post(
        "/api/kinerja", {"tanggal": "2021-02-03", "mulai": "08:00", "selesai": "09:00", "uraian": "Rapat"}
    ).json
    assert (
        kurnia.post("/api/validasi", {"id": [a["id"]], "tolak": True, "alasan": "kurang rinci"}).status == 200
    )
    log = rows(layan.db, "SELECT aksi, oleh, nip, sumber, alasan FROM audit WHERE sumber = 'web' ORDER BY id")
    got = [(x["aksi"], x["oleh"], x["nip"]) for x in log if not x["aksi"].startswith("akun.")]
    assert got == [
        ("presensi.masuk", PEGAWAI, PEGAWAI),
        ("kinerja.catat", PEGAWAI, PEGAWAI),
        ("kinerja.tolak", ATASAN, PEGAWAI),
    ]
    assert {x["aksi"] for x in log if x["aksi"].startswith("akun.")} == {"akun.sandi"}
