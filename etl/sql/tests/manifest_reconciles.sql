-- Every file's rows are loaded or quarantined, none lost.
SELECT path, rows_in, rows_loaded, rows_quarantined
FROM load_manifest WHERE rows_in <> rows_loaded + rows_quarantined;
