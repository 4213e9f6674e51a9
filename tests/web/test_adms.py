"""The ADMS push receiver over real HTTP: a registered machine's ATTLOG lines are stored exactly
as `presensi impor --format adms --mesin SN` stores them; a forged serial number gets nothing."""

from __future__ import annotations

import json
import sqlite3

from .conftest import ATASAN, PEGAWAI

SN = "CQUJ223960001"
# ADMS layout: PIN, time, state, verify, workcode, reserved. PIN 101 is Bagas, 15 is Kurnia.
LINES = (
    "101\t2021-02-02 07:25:13\t0\t1\t0\t0\t0\n"
    "15\t2021-02-02 07:31:02\t0\t1\t0\t0\t0\n"
    "101\t2021-02-02 16:05:40\t1\t1\t0\t0\t0\n"
)


def punches(db):  # type: ignore[no-untyped-def]
    conn = sqlite3.connect(db)
    try:
        return conn.execute(
            "SELECT nip, waktu, jenis, sumber, mesin FROM presensi ORDER BY nip, waktu"
        ).fetchall()
    finally:
        conn.close()


def post(c, path: str, body: str):  # type: ignore[no-untyped-def]
    return c.request("POST", path, body.encode(), {"Content-Type": "text/plain"}, csrf=False)


def test_registered_machine_pushes_attlog(layan, tmp_path) -> None:  # type: ignore[no-untyped-def]
    layan.kerja("mesin", "tambah", SN, "--unit", "Diskominfo Sungai Lestari")
    c = layan.client()
    hello = c.get(f"/iclock/cdata?SN={SN}&options=all")
    assert hello.status == 200 and hello.text.startswith(f"GET OPTION FROM: {SN}")
    r = post(c, f"/iclock/cdata?SN={SN}&table=ATTLOG&Stamp=9999", LINES)
    assert (r.status, r.text) == (200, "OK: 3")
    assert punches(layan.db) == [
        (ATASAN, "2021-02-02T07:31:02+07:00", None, "mesin", SN),
        (PEGAWAI, "2021-02-02T07:25:13+07:00", None, "mesin", SN),
        (PEGAWAI, "2021-02-02T16:05:40+07:00", None, "mesin", SN),
    ]
    # Pushed again (a machine resends after a lost answer): nothing new.
    assert post(c, f"/iclock/cdata?SN={SN}&table=ATTLOG", LINES).text == "OK: 3"
    assert len(punches(layan.db)) == 3
    # The clerk's import of the same lines finds every punch already there: the same records.
    f = tmp_path / "push.dat"
    f.write_text(LINES)
    out = layan.kerja("presensi", "impor", str(f), "--format", "adms", "--mesin", SN)
    assert len(punches(layan.db)) == 3, out.stdout
    # The day as the rules read it: Bagas in at 07:25, out at 16:05.
    harian = json.loads(layan.kerja("presensi", "harian", "--tanggal", "2021-02-02", "--json").stdout)
    bagas = next(h for h in harian if h["nip"] == PEGAWAI)
    assert (bagas["masuk"], bagas["pulang"], bagas["telat_menit"]) == ("07:25", "16:05", 0)
    audit = (
        sqlite3.connect(layan.db)
        .execute("SELECT oleh, sumber FROM audit WHERE aksi = 'presensi.impor'")
        .fetchall()
    )
    assert (f"mesin {SN}", "mesin") in audit


def test_other_tables_and_requests_are_acknowledged(layan) -> None:  # type: ignore[no-untyped-def]
    layan.kerja("mesin", "tambah", SN, "--unit", "Diskominfo Sungai Lestari")
    c = layan.client()
    r = post(
        c,
        f"/iclock/cdata?SN={SN}&table=OPERLOG",
        "OPLOG 4\t0\t2021-02-02 07:00:00\t0\t0\t0\t0\nUSER PIN=1\tName=x\n",
    )
    assert (r.status, r.text) == (200, "OK: 2")
    assert c.get(f"/iclock/getrequest?SN={SN}").text == "OK"
    assert post(c, f"/iclock/devicecmd?SN={SN}", "ID=1&Return=0&CMD=INFO").text == "OK"
    assert punches(layan.db) == []


def test_forged_serial_is_refused_and_listed(layan) -> None:  # type: ignore[no-untyped-def]
    layan.kerja("mesin", "tambah", SN, "--unit", "Diskominfo Sungai Lestari")
    c = layan.client()
    for path in ("/iclock/cdata?SN=PALSU123&options=all", "/iclock/getrequest?SN=PALSU123"):
        assert c.get(path).status == 403
    r = post(c, "/iclock/cdata?SN=PALSU123&table=ATTLOG", LINES)
    assert r.status == 403 and "OK" not in r.text
    assert post(c, "/iclock/cdata?table=ATTLOG", LINES).status == 400  # no SN at all
    assert punches(layan.db) == []
    unknown = json.loads(layan.kerja("mesin", "daftar", "--tak-dikenal", "--json").stdout)
    assert [u["sn"] for u in unknown] == ["PALSU123"]


def test_locked_month_refuses_the_push(layan) -> None:  # type: ignore[no-untyped-def]
    layan.kerja("mesin", "tambah", SN, "--unit", "Diskominfo Sungai Lestari")
    layan.kerja("rekap", "kunci", "--bulan", "2021-02", "--paksa")
    r = post(layan.client(), f"/iclock/cdata?SN={SN}&table=ATTLOG", LINES)
    assert r.status == 409 and "dikunci" in r.text
    assert punches(layan.db) == []
