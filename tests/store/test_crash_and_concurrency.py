import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from tollbook.store import IncidentQuery, open_store

from .factory import corpus
from .test_store import snapshot

ROOT = Path(__file__).resolve().parents[2]


def test_store_sigkill_mid_run_then_rerun_equals_uninterrupted(db_url, tmp_path):
    child = subprocess.Popen([sys.executable, "-m", "tests.store.crash_ingest", db_url, "0.4"], cwd=ROOT,
                             stdout=subprocess.PIPE, text=True)
    seen = [child.stdout.readline(), child.stdout.readline()]
    time.sleep(0.2)  # inside the third article's transaction
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    assert all(line.startswith("committed") for line in seen)
    resumed = open_store(db_url)
    partial = resumed.counts()["articles"]
    assert 2 <= partial < len(corpus())  # killed mid-run, the open batch rolled back
    resumed.ingest(corpus(), batch_size=2)
    clean = open_store(str(tmp_path / "uninterrupted.db"))
    clean.ingest(corpus(), batch_size=2)
    assert snapshot(resumed) == snapshot(clean)
    resumed.close(), clean.close()


def test_store_readers_see_whole_batches_during_ingest(db_url):
    writer = open_store(db_url)
    writer.ingest(corpus()[:1])
    reader = open_store(db_url)
    errors, counts, done = [], [], threading.Event()

    def read() -> None:
        while not done.is_set():
            try:
                found = reader.incidents(IncidentQuery())
                counts.append(len(found))
                for incident in found:  # every incident a reader sees is whole
                    assert incident["report_count"] == len(incident["report_ids"])
            except Exception as exc:  # noqa: BLE001 - any failure is the test's answer
                errors.append(exc)
                return

    threads = [threading.Thread(target=read) for _ in range(3)]
    for thread in threads:
        thread.start()
    for _ in range(3):
        for result in corpus():
            writer.ingest([result, result], batch_size=1)
    done.set()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors
    assert counts and min(counts) >= 1
    assert reader.count_incidents() == 5  # Kidal, two Mogadishu bombings, Gao, Kismayo
    writer.close(), reader.close()
