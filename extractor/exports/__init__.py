"""Files for people: an XLSX workbook and printable, self-contained HTML (beside the pipeline;
they read assessments and reports, never the other way round)."""
