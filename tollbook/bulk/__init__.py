"""Archive scale: the extraction pipeline on Dask, results as Parquet (``tollbook bulk``).

``run_bulk(inputs, out_dir)`` runs it; ``read_results(out_dir)`` reads a run's
results back as the stream ``extract_articles`` yields (ExtractionResult |
Rejection), for exports and ``tollbook ingest``. Dask is imported only by
``daskengine`` and only when a run starts.
"""
from tollbook.bulk.run import DEFAULT_PARTITION_SIZE, BulkSummary, read_results, run_bulk
from tollbook.bulk.tables import TABLES

__all__ = ["run_bulk", "read_results", "BulkSummary", "DEFAULT_PARTITION_SIZE", "TABLES"]
