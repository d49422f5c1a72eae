"""Run as a subprocess by test_crash: ingest the factory corpus slowly, one article per batch,
printing after each committed batch so the test knows when to kill it."""
import sys
import time

from tollbook.store import open_store
from tollbook.store.ingest import IngestSummary
import tollbook.store.ingest as ingest_module

from tests.store.factory import corpus


def main(url: str, pause: float) -> None:
    store = open_store(url)
    original = ingest_module.write_batch

    def write_and_report(conn, batch, summary: IngestSummary) -> None:
        original(conn, batch, summary)
        time.sleep(pause)  # the kill lands here, inside an open transaction, now and then

    ingest_module.write_batch = write_and_report
    import tollbook.store.store as store_module
    store_module.write_batch = write_and_report
    for result in corpus():
        store.ingest([result], batch_size=1)
        print("committed", result.article.id, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]))
