"""tollbook bulk: Parquet round-trips, the output folder's crash rules, and (with the model) the same reports
as extract on a 2-process Dask cluster, and resuming a crashed run without duplicates."""
from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from tests.warcfiles import Capture, news_page, write_warc
from tollbook.bulk import read_results, run_bulk
from tollbook.bulk.output import OutputFolder
from tollbook.bulk.partitions import digest_of, input_identity, partitions
from tollbook.bulk.tables import TABLES, results_from_tables, tables_from_results
from tollbook.errors import ConfigError
from tollbook.records import (Article, Claim, Denial, Evidence, ExtractionResult, Range, Rejection, Report,
                              Statistic)

SAMPLES = os.path.join(os.path.dirname(__file__), "..", "samples")


def _report(article_id: str, index: int, **changes) -> Report:
    claim = Claim(figure="killed", group="civilians", victims_text="seven villagers", min=7, max=7,
                  qualifier="exact", claimant="local official", claimant_type="local_official", start=96, end=111,
                  claimant_person="Amadou Traoré", superseded=True, subset_of="civilians", adds_to=1)
    fields = dict(
        report_id=f"r{article_id}{index}", article_id=article_id, outlet="example-news.org", url=None,
        published="2024-03-06", event_date="2024-03-04", date_precision="day",
        event_type="Violence against civilians", sub_event_type="Attack", actor1="Unidentified armed group",
        actor2=None, actor1_text="gunmen", actor2_text=None, country="Mali", iso3="MLI", admin1="Kidal",
        admin2=None, location="Anefis", latitude=18.05, longitude=0.1833333, geo_precision=1,
        fatalities=Range(min=5, max=7, best=7), civilian_fatalities=None, child_fatalities=None,
        injured=Range(min=3, max=3, best=3), claims=(claim, Claim(**{**claim.to_dict(), "figure": "injured"})),
        modality="reported", evidence=(Evidence(text="Gunmen attacked …", start=0, end=17),),
        denials=(Denial(text="the army denied it", claimant="army", claimant_type="military", start=5, end=9),),
        field_evidence={"location": {"start": 53, "end": 59, "text": "Anefis"}}, trigger="attacked",
        gazetteer_id="geonames:2460596", place_evidence=Evidence(text="Anefis", start=53, end=59))
    return Report(**{**fields, **changes})


def _results() -> list:
    first = Article(id="a1", text="Gunmen attacked … ünïcode", url="https://x.org/1", outlet="x.org",
                    published="2024-03-06", title="T", source="in.jsonl:1")
    second = Article(id="a2", text="Nothing happened.", source="in.jsonl:3")
    statistic = Statistic(article_id="a1", figure="killed", min=500, max=500, qualifier="more than",
                          text="The war has killed more than 500.", start=40, end=60, claimant=None)
    return [
        ExtractionResult(article=first, reports=(_report("a1", 0), _report("a1", 1, fatalities=None, claims=())),
                         statistics=(statistic,)),
        Rejection(code="E104", reason="malformed JSON", source="in.jsonl:2"),
        ExtractionResult(article=second),
        ExtractionResult(article=first, reports=(_report("a1", 0, location=None, latitude=None, place_evidence=None,
                                                              gazetteer_id=None),)),  # again
    ]


def test_schemas_cover_every_record_field():
    """A field added to a record and not to the Parquet tables would be dropped without a word."""
    import dataclasses
    from tollbook.bulk.tables import SCHEMAS
    expected = {"articles": Article, "reports": Report, "claims": Claim, "statistics": Statistic,
                "rejections": Rejection}
    for table, record in expected.items():
        missing = {f.name for f in dataclasses.fields(record)} - set(SCHEMAS[table].names)
        assert not missing, f"{table} has no column for {sorted(missing)}"


def test_tables_round_trip_every_field():
    tables = tables_from_results(_results())
    assert {name: tables[name].num_rows for name in TABLES} == {
        "articles": 3, "reports": 3, "claims": 4, "statistics": 1, "rejections": 1}
    assert list(results_from_tables(tables)) == _results()


def test_parquet_folder_round_trip(tmp_path):
    folder = OutputFolder(str(tmp_path / "out"))
    folder.open({"input_key": "k1", "inputs": []})
    folder.write_partition("part-00001", "d1", tables_from_results(_results()[2:]))
    folder.write_partition("part-00000", "d0", tables_from_results(_results()[:2]))
    assert list(read_results(str(tmp_path / "out"))) == _results()  # partition order, not finishing order
    assert sorted(os.listdir(tmp_path / "out" / "reports")) == ["part-00000.parquet", "part-00001.parquet"]


def test_output_folder_crash_leftovers(tmp_path):
    out = tmp_path / "out"
    folder = OutputFolder(str(out))
    folder.open({"input_key": "k1", "inputs": []})
    done = folder.write_partition("part-00000", "d0", tables_from_results(_results()[:2]))
    assert done.codes == {"E104": 1} and done.counts["articles"] == 1
    with open(out / "partitions.jsonl", "a") as log:
        log.write('{"name": "part-00001", "dig')  # died while appending
    (out / "reports" / ".tmp-123-part-00001.parquet").write_bytes(b"half a file")

    finished = OutputFolder(str(out)).open({"input_key": "k1", "inputs": []})
    assert list(finished) == ["part-00000"]
    assert not (out / "reports" / ".tmp-123-part-00001.parquet").exists()
    folder.write_partition("part-00001", "d1", tables_from_results(_results()[2:]))
    assert [p.name for p in folder.finished()] == ["part-00000", "part-00001"]
    assert list(read_results(str(out))) == _results()


def test_read_results_wants_a_bulk_folder(tmp_path):
    with pytest.raises(ConfigError) as raised:
        list(read_results(str(tmp_path)))
    assert raised.value.code == "E911"


def test_output_folder_belongs_to_one_input(tmp_path):
    OutputFolder(str(tmp_path)).open({"input_key": "k1", "inputs": ["a"]})
    with pytest.raises(ConfigError) as raised:
        OutputFolder(str(tmp_path)).open({"input_key": "k2", "inputs": ["b"]})
    assert raised.value.code == "E911"


def test_scheduler_must_be_an_address(tmp_path):
    from tollbook.cli import cli
    (tmp_path / "a.jsonl").write_text('{"text": "x"}\n')
    run = CliRunner().invoke(cli, ["bulk", str(tmp_path / "a.jsonl"), "--out", str(tmp_path / "out"),
                                   "--scheduler", "localhost"])
    assert run.exit_code == 1 and "E910" in run.output and "tcp://" in run.output


def test_unreachable_scheduler_is_a_clear_error(tmp_path, monkeypatch):
    from tollbook.bulk import daskengine
    monkeypatch.setattr(daskengine, "CONNECT_TIMEOUT_S", 1)
    (tmp_path / "a.jsonl").write_text('{"text": "Gunmen killed two people in Gao on Monday."}\n')
    with pytest.raises(ConfigError) as raised:
        run_bulk([str(tmp_path / "a.jsonl")], str(tmp_path / "out"), scheduler="tcp://127.0.0.1:9")
    assert raised.value.code == "E910" and "cannot reach" in str(raised.value)


def test_partitions_and_input_identity(tmp_path):
    items = [Article(id="a1", text="x", source="in:1")] + [
        Rejection(code="E103", reason="empty", source=f"f{i}") for i in range(6)]
    parts = list(partitions(items, 3))
    assert [p.name for p in parts] == ["part-00000", "part-00001", "part-00002"]
    assert [len(p.items) for p in parts] == [3, 3, 1]
    assert [p.digest for p in partitions(items, 3)] == [p.digest for p in parts]
    assert len({p.digest for p in parts}) == 3
    assert digest_of([Article(id="a1", text="y", source="in:1")]) != digest_of(items[:1])

    (tmp_path / "a.jsonl").write_text('{"text": "x"}\n')
    key = input_identity([str(tmp_path)], partition_size=3, max_chars=10)["input_key"]
    assert input_identity([str(tmp_path)], partition_size=4, max_chars=10)["input_key"] != key
    (tmp_path / "a.jsonl").write_text('{"text": "xy"}\n')
    assert input_identity([str(tmp_path)], partition_size=3, max_chars=10)["input_key"] != key
    with pytest.raises(ConfigError):
        input_identity(["-"], partition_size=3, max_chars=10)


# --- with the model and Dask ---------------------------------------------------------------------

LEADS = [
    ("Gunmen kill seven villagers", "2024-03-06",
     "BAMAKO — Unidentified gunmen on motorbikes attacked the village of Anefis in northern Mali on Monday, "
     "killing seven villagers and wounding three others, a local official said."),
    ("Car bomb in Mogadishu", None,
     "MOGADISHU — A car bomb exploded near a busy checkpoint in Mogadishu on Tuesday, killing at least eight "
     "people, police said. Initial reports had put the toll at five.\n\nThe war has killed more than 20,000 "
     "people since 2007."),
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Every reader at once: the samples (JSONL, text, HTML), CSV, and a WARC file with skipped captures."""
    folder = tmp_path_factory.mktemp("corpus")
    for name in ("articles.jsonl", "flood.txt", "page.html"):
        (folder / name).write_bytes(open(os.path.join(SAMPLES, name), "rb").read())
    captures = [Capture(f"https://example-news.org/{i}", news_page(title, text, published=published))
                for i, (title, published, text) in enumerate(LEADS)]
    captures.append(Capture("https://example-news.org/moved", b"", status="302 Found"))
    write_warc(folder / "crawl.warc.gz", captures)
    (folder / "broken.jsonl").write_text('{"text": "fine"}\n{"text": \n')
    (folder / "wire.csv").write_text('id,published,text\nw1,2024-05-02,"KABUL — A roadside bomb killed four '
                                     'police officers in Kunduz on Wednesday, officials said."\n')
    return folder


@pytest.fixture(scope="module")
def extracted(corpus) -> tuple[list[dict], list[dict], list[dict]]:
    """What `tollbook extract` gives on the corpus: reports, statistics, rejections."""
    from tollbook.cli import cli
    rejections = corpus.parent / f"{corpus.name}-rejections.jsonl"
    statistics = corpus.parent / f"{corpus.name}-statistics.jsonl"
    run = CliRunner().invoke(cli, ["extract", str(corpus), "--format", "jsonl", "--silent",
                                   "--rejections", str(rejections), "--statistics", str(statistics)])
    assert run.exit_code == 0, run.output
    return ([json.loads(line) for line in run.stdout.splitlines()],
            [json.loads(line) for line in statistics.read_text().splitlines()],
            [json.loads(line) for line in rejections.read_text().splitlines()])


def _from_bulk(out) -> tuple[list[dict], list[dict], list[dict]]:
    reports, statistics, rejections = [], [], []
    for item in read_results(str(out)):
        if isinstance(item, Rejection):
            rejections.append(item.to_dict())
        else:
            reports.extend(r.to_dict() for r in item.reports)
            statistics.extend(s.to_dict() for s in item.statistics)
    return reports, statistics, rejections


def _key(record: dict) -> str:
    return json.dumps(record, sort_keys=True, ensure_ascii=False)


def _same(left: list[dict], right: list[dict]) -> bool:
    return sorted(map(_key, left)) == sorted(map(_key, right))


@pytest.mark.model
@pytest.mark.slow
def test_bulk_on_two_worker_processes_gives_exactly_extracts_records(corpus, extracted, tmp_path):
    """The LocalCluster `tollbook bulk` makes, reached as a real cluster is: by its tcp:// address."""
    from tollbook.bulk.daskengine import dask_client
    from tollbook.cli import cli
    with dask_client(None, 2) as client:
        address = client.scheduler.address
        assert address.startswith("tcp://") and len(client.nthreads()) == 2
        run = CliRunner().invoke(cli, ["bulk", str(corpus), "--out", str(tmp_path / "out"),
                                       "--scheduler", address, "--partition-size", "2"])
        workers_pids = set(client.run(os.getpid).values())
    assert run.exit_code == 0, run.output
    assert len(workers_pids) == 2 and os.getpid() not in workers_pids
    assert "E121" in run.stderr and "E104" in run.stderr  # skipped and rejected inputs are counted
    reports, statistics, rejections = extracted
    bulk_reports, bulk_statistics, bulk_rejections = _from_bulk(tmp_path / "out")
    assert len(reports) >= 6 and statistics and len(rejections) == 2
    assert any(r["article_id"] == "w1" for r in reports)  # from the CSV file
    from_warc = [r for r in reports if (r["url"] or "").startswith("https://example-news.org/0")]
    assert [(r["published"], r["event_date"]) for r in from_warc] == [("2024-03-06", "2024-03-04")]  # "Monday"
    assert _same(bulk_reports, reports)
    assert _same(bulk_statistics, statistics)
    assert _same(bulk_rejections, rejections)


@pytest.fixture(scope="module")
def threaded_client():
    """One in-process worker thread: Dask without process start-up, for the tests that need many runs."""
    from distributed import Client
    with Client(processes=False, n_workers=1, threads_per_worker=1, dashboard_address=None) as client:
        yield client


@pytest.mark.model
def test_crashed_run_resumes_without_duplicates(corpus, extracted, tmp_path, monkeypatch, threaded_client):
    from tollbook.bulk import output
    out = str(tmp_path / "out")
    real_write = output.OutputFolder.write_partition
    written = []

    def crash_after_two(self, name, digest, tables):
        if len(written) == 2:
            raise KeyboardInterrupt("the machine went down")
        written.append(name)
        return real_write(self, name, digest, tables)

    monkeypatch.setattr(output.OutputFolder, "write_partition", crash_after_two)
    with pytest.raises(KeyboardInterrupt):
        run_bulk([str(corpus)], out, partition_size=2, client=threaded_client)
    monkeypatch.undo()
    assert len(list(OutputFolder(out).finished())) == 2

    summary = run_bulk([str(corpus)], out, partition_size=2, client=threaded_client)
    assert summary.skipped == 2 and not summary.failed
    assert summary.processed == summary.rows["articles"] - sum(
        p.counts["articles"] for p in OutputFolder(out).finished() if p.name in written)
    reports, statistics, rejections = extracted
    bulk_reports, bulk_statistics, bulk_rejections = _from_bulk(out)
    assert len(bulk_reports) == len(reports) and _same(bulk_reports, reports)  # every report once
    assert _same(bulk_statistics, statistics) and _same(bulk_rejections, rejections)

    again = run_bulk([str(corpus)], out, partition_size=2, client=threaded_client)
    assert again.skipped == again.partitions and again.processed == 0


@pytest.mark.model
def test_failed_partition_is_retried_by_the_next_run(corpus, extracted, tmp_path, monkeypatch, threaded_client):
    from tollbook.bulk import daskengine
    out = str(tmp_path / "out")
    real_task = daskengine.run_partition

    def fails_on_html(items):
        if any((item.source or "").endswith("page.html") for item in items):
            raise RuntimeError("worker ran out of memory")
        return real_task(items)

    monkeypatch.setattr(daskengine, "run_partition", fails_on_html)
    first = run_bulk([str(corpus)], out, partition_size=2, client=threaded_client)
    assert len(first.failed) == 1 and "out of memory" in next(iter(first.failed.values()))
    monkeypatch.undo()
    second = run_bulk([str(corpus)], out, partition_size=2, client=threaded_client)
    assert not second.failed and second.skipped == first.partitions == second.partitions - 1
    assert _same(_from_bulk(out)[0], extracted[0])


KILLED_RUN = """
import sys, time
from distributed import Client
from tollbook.bulk import daskengine, run_bulk
real_task = daskengine.run_partition
def slow_task(items):  # slow enough that the test's SIGKILL lands mid-run
    time.sleep(0.5)
    return real_task(items)
daskengine.run_partition = slow_task
with Client(processes=False, n_workers=1, threads_per_worker=1, dashboard_address=None) as client:
    run_bulk([sys.argv[1]], sys.argv[2], partition_size=1, client=client)
"""


@pytest.mark.model
@pytest.mark.slow
def test_run_killed_with_sigkill_resumes_without_duplicates(corpus, extracted, tmp_path, threaded_client):
    import signal
    import subprocess
    import sys
    import time
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-c", KILLED_RUN, str(corpus), str(out)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            log = out / "partitions.jsonl"
            if log.exists() and log.read_text().count("\n") >= 2:
                break
            time.sleep(0.05)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    finished_before = len(list(OutputFolder(str(out)).finished()))
    assert process.returncode == -signal.SIGKILL and 2 <= finished_before

    summary = run_bulk([str(corpus)], str(out), partition_size=1, client=threaded_client)
    assert summary.skipped == finished_before < summary.partitions and not summary.failed
    reports, statistics, rejections = extracted
    bulk_reports, bulk_statistics, bulk_rejections = _from_bulk(out)
    assert len(bulk_reports) == len(reports) and _same(bulk_reports, reports)
    assert _same(bulk_statistics, statistics) and _same(bulk_rejections, rejections)


@pytest.mark.model
def test_ingest_from_bulk_parquet_equals_ingest_from_the_inputs(corpus, tmp_path, threaded_client):
    """`tollbook ingest --parquet DIR` loads a bulk run; the database matches ingesting the inputs."""
    from tollbook.cli import cli
    run_bulk([str(corpus)], str(tmp_path / "out"), scheduler=threaded_client.scheduler.address,
             partition_size=3)
    runner = CliRunner()
    direct = runner.invoke(cli, ["ingest", str(corpus), "--db", str(tmp_path / "direct.db"), "--silent"])
    loaded = runner.invoke(cli, ["ingest", "--parquet", str(tmp_path / "out"), "--db", str(tmp_path / "bulk.db"),
                                 "--silent"])
    assert direct.exit_code == 0 and loaded.exit_code == 0, loaded.output
    exports = [runner.invoke(cli, ["incidents", "--db", str(tmp_path / name), "--format", "jsonl"]).stdout
               for name in ("direct.db", "bulk.db")]
    assert exports[0] and exports[0] == exports[1]
    both = runner.invoke(cli, ["ingest", str(corpus), "--parquet", str(tmp_path / "out")])
    assert both.exit_code != 0 and "one of them" in both.output
