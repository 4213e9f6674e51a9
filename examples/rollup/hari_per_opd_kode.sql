-- Person-days per OPD and day code: H (present), TK (absent without reason) and each status
-- (S sick, I leave, CT annual leave, DL official travel, ...), with the minutes that cost money.
SELECT
    bulan,
    opd,
    kode,
    count(*)                          AS hari_pegawai,
    count(DISTINCT nip)               AS pegawai,
    count(*) FILTER (WHERE tl IS NOT NULL)  AS hari_terlambat,
    count(*) FILTER (WHERE psw IS NOT NULL) AS hari_pulang_cepat,
    sum(telat_menit)                  AS telat_menit,
    sum(cepat_menit)                  AS cepat_menit,
    sum(menit_kinerja)                AS menit_kinerja
FROM hari
GROUP BY bulan, opd, kode
ORDER BY bulan, opd, hari_pegawai DESC, kode;
