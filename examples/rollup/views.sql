-- Every institution's `kerja ekspor parquet` in one folder, as two views over all partitions.
-- Run from that folder (paths are relative), or first: SET file_search_path = '/data/provinsi';
-- instansi and bulan come from the folder names (hive_partitioning), the rest from the files.
CREATE OR REPLACE VIEW pegawai AS
    SELECT * FROM read_parquet('pegawai/*/*/*.parquet', hive_partitioning = true);

CREATE OR REPLACE VIEW hari AS
    SELECT * FROM read_parquet('hari/*/*/*.parquet', hive_partitioning = true);
