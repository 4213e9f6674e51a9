-- The same person-days as a table to read: one row per OPD and month, a column per kind of day,
-- counted as the recap counts them (present without a recorded mode counts as at the office).
-- (Standard SQL aggregate FILTER: DuckDB, Trino and Spark run it as is; BigQuery: COUNTIF(...).)
SELECT
    bulan,
    opd,
    count(*)                                                            AS hari_pegawai,
    count(*) FILTER (WHERE kode = 'H' AND coalesce(mode, 'WFO') <> 'WFH') AS hadir_wfo,
    count(*) FILTER (WHERE kode = 'H' AND mode = 'WFH')                 AS hadir_wfh,
    count(*) FILTER (WHERE kode = 'TK')                                 AS tk,
    count(*) FILTER (WHERE kode IN ('S', 'CS'))                         AS sakit,
    count(*) FILTER (WHERE kode = 'I')                                  AS izin,
    count(*) FILTER (WHERE kode IN ('CT', 'CB', 'CM', 'CAP', 'CLTN'))    AS cuti,
    count(*) FILTER (WHERE kode IN ('DL', 'TB'))                        AS dinas_luar,
    count(*) FILTER (WHERE kode NOT IN ('H', 'TK', 'S', 'CS', 'I', 'CT', 'CB', 'CM', 'CAP', 'CLTN', 'DL', 'TB'))
                                                                        AS lainnya,
    count(*) FILTER (WHERE tl IS NOT NULL)                              AS hari_terlambat,
    round(100.0 * count(*) FILTER (WHERE kode = 'H') / count(*), 2)     AS persen_hadir
FROM hari
GROUP BY bulan, opd
ORDER BY bulan, opd;
