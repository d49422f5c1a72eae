"""The event typer inside extract: reports carry its name; non-conflict text gives no report."""
import pytest

from tollbook import extract
from tollbook.typer.model import load_typer
from tollbook.typer.negatives import negatives

pytestmark = pytest.mark.model


def test_reports_carry_the_typer_name_and_source():
    result = extract("Government troops shelled the village of Kafr Nabl in Idlib on Monday, killing four "
                     "civilians, the Observatory said.", published="2024-03-06")
    report = result.reports[0]
    assert report.typer == load_typer().name
    assert report.type_source in {"rules", "model"}
    assert 0.0 <= report.type_probability <= 1.0
    assert report.sub_event_type == "Shelling/artillery/missile attack"


@pytest.mark.parametrize("text", [t for _, t in negatives("test", per_template=1)][::4])
def test_held_out_non_conflict_sentences_give_no_report(text):
    assert extract(text, published="2024-03-06").reports == ()
