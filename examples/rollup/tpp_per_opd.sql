-- The province's TPP per OPD and month, then the province total of the month (the ROLLUP row).
-- One row per person is the recap row of `kerja rekap bulanan`: these sums are the recaps' totals
-- to the Rupiah.
SELECT
    bulan,
    coalesce(opd, 'JUMLAH PROVINSI')         AS opd,
    count(*)                                 AS pegawai,
    sum(pagu_tpp)                            AS pagu_tpp,
    sum(tpp_kinerja)                         AS tpp_kinerja,
    sum(tpp_disiplin)                        AS tpp_disiplin,
    sum(tpp_total)                           AS tpp_total,
    sum(pagu_tpp) - sum(tpp_total)           AS tidak_dibayar,
    round(avg(potongan_disiplin_persen), 2)  AS rata_potongan_disiplin_persen,
    round(avg(capaian_kinerja_persen), 2)    AS rata_capaian_kinerja_persen
FROM pegawai
GROUP BY bulan, ROLLUP (opd)
ORDER BY bulan, opd IS NULL, opd;
