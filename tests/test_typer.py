"""The event typer's parts, model-free: features, metrics, negatives, fitting, the decision, the CLI."""
import gzip
import json

import numpy as np
import pytest
from click.testing import CliRunner

from tollbook.cli import cli
from tollbook.nlp.triggers import EventCue
from tollbook.typer import features
from tollbook.typer.decide import decide
from tollbook.typer.metrics import confusion, scores
from tollbook.typer.model import NONE, Typer, TyperModelError
from tollbook.typer.negatives import negatives
from tollbook.typer.train import Example, _Sparse, fit, with_untagged_copies

TOY = {
    "Shelling/artillery/missile attack": ["troops shelled the town with artillery", "mortar shells hit the village",
                                          "artillery fire struck the district", "rockets and mortars were fired at the town"],
    "Peaceful protest": ["teachers marched to demand unpaid wages", "residents held a peaceful demonstration",
                         "students protested against fee increases", "workers staged a sit-in demanding pay"],
    NONE: ["the team won the cup final", "floods destroyed homes after heavy rain",
           "the central bank raised interest rates", "shares fell on the stock market"],
}


def toy_typer(threshold=0.5) -> Typer:
    labels = sorted(TOY)
    texts = [t for label in labels for t in TOY[label]]
    y = np.array([labels.index(label) for label in labels for _ in TOY[label]])
    weights, bias = fit(_Sparse(texts), y, len(labels), np.ones(len(y), np.float32), epochs=30)
    return Typer(weights.astype(np.float16), bias, labels, 1.0, threshold, "toy-typer-0")


def test_normalise_removes_coder_furniture():
    text = "On 9 May 2020, 300 people protested in Lagos [size=no report]. Fatalities coded as 10."
    out = features.normalise(text)
    assert "size" not in out and "coded" not in out and "2020" not in out and not out.startswith("on")
    assert "0 people protested in lagos" in out  # digits fold to one 0


def test_hashed_features_are_stable_sorted_and_unique():
    a = features.hashed("Troops shelled the town; troops shelled it again.")
    assert np.array_equal(a, features.hashed("Troops shelled the town; troops shelled it again."))
    assert list(a) == sorted(set(a.tolist())) and a.dtype == np.int32
    assert a.max() < features.N_BUCKETS
    assert features.hashed("") .size == 0


def test_names_are_masked_inside_sentences_but_not_at_their_start():
    masked = features.masked_names("Regime forces shelled Idleb. Houthi fighters: Ansar Allah attacked.")
    assert masked == "Regime forces shelled Xname. Houthi fighters: Ansar Xname attacked."  # after a colon: a start
    strings = features.feature_strings("Militants attacked Kunduz", "masked")
    assert features.feature_strings("Militants attacked Kunduz") == [f for f in strings if not f.startswith("n:")]
    assert "w:kunduz" in strings and "n:w:xname" in strings and "n:w:kunduz" not in strings
    # two attacks on different places share their masked reading
    assert set(f for f in strings if f.startswith("n:")) == \
        set(f for f in features.feature_strings("Militants attacked Mopti", "masked") if f.startswith("n:"))
    with pytest.raises(ValueError):
        features.feature_strings("x", "bogus")


def test_scores_per_class_weighted_and_macro():
    gold = ["A", "A", "B", "C"]
    predicted = ["A", "B", "B", NONE]
    s = scores(gold, predicted)
    assert s["per_class"]["A"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667, "support": 2}
    assert s["per_class"]["B"]["precision"] == 0.5 and s["per_class"]["C"]["f1"] == 0.0
    assert s["macro_f1"] == pytest.approx((0.6667 + 0.6667 + 0.0) / 3, abs=1e-3)
    assert s["weighted_f1"] == pytest.approx((0.6667 * 2 + 0.6667) / 4, abs=1e-3)
    assert confusion(gold, predicted)["A"] == {"A": 1, "B": 1}


def test_negatives_hold_out_whole_templates():
    train, test = negatives("train"), negatives("test")
    assert train and test and train == negatives("train")
    assert not {t for _, t in train} & {t for _, t in test}
    assert {d for d, _ in test} == {d for d, _ in train}
    with pytest.raises(ValueError):
        negatives("dev")


def test_fit_learns_and_is_deterministic():
    typer, again = toy_typer(), toy_typer()
    assert np.array_equal(typer.weights, again.weights)
    assert typer.guess("government troops shelled the village with mortars").sub_event_type == \
        "Shelling/artillery/missile attack"
    assert typer.guess("nurses marched to demand higher wages").sub_event_type == "Peaceful protest"
    assert typer.guess("the team won the final").sub_event_type is None


def test_save_and_load_round_trip(tmp_path):
    typer = toy_typer()
    typer.save(tmp_path / "t.npz")
    loaded = Typer.load(tmp_path / "t.npz")
    assert loaded.name == "toy-typer-0" and loaded.labels == typer.labels
    text = "troops shelled the town"
    assert np.allclose(loaded.probabilities(text), typer.probabilities(text), atol=1e-3)
    (tmp_path / "bad.npz").write_bytes(b"not a model")
    with pytest.raises(TyperModelError):
        Typer.load(tmp_path / "bad.npz")


def _cue(sub, event_type, score=0.8):
    return EventCue(event_type, sub, 0, 5, "word", score)


def test_decide_keeps_plausible_rules_and_lets_the_model_overrule_the_rest():
    typer = toy_typer()
    protest = _cue("Peaceful protest", "Protests")
    kept = decide(protest, "students protested against fee increases", typer)
    assert (kept.sub_event_type, kept.source, kept.typer) == ("Peaceful protest", "rules", "toy-typer-0")
    overruled = decide(protest, "troops shelled the town with artillery and mortars", typer)
    assert (overruled.sub_event_type, overruled.source) == ("Shelling/artillery/missile attack", "model")
    assert overruled.event_type == "Explosions/Remote violence"
    suicide = decide(_cue("Suicide bomb", "Explosions/Remote violence"), "troops shelled the town", typer)
    assert suicide.sub_event_type == "Suicide bomb"


def test_a_rule_only_type_yields_when_the_model_is_sure_of_another_kind_of_event():
    typer = toy_typer()
    suicide = _cue("Suicide bomb", "Explosions/Remote violence")
    same_kind = decide(suicide, "troops shelled the town with artillery and mortars", typer)
    assert typer.guess("troops shelled the town with artillery and mortars").probability >= 0.95
    assert same_kind.sub_event_type == "Suicide bomb"  # the model cannot tell one explosion from another
    other_kind = decide(suicide, "students protested against fee increases", typer)
    assert typer.guess("students protested against fee increases").probability >= 0.95
    assert (other_kind.sub_event_type, other_kind.source) == ("Peaceful protest", "model")


def test_the_model_never_guesses_a_type_it_is_blind_to_but_the_rules_still_give_it():
    handover = ["the garrison withdrew and handed the town over", "rebels handed over the town after talks",
                "troops pulled out and ceded the town", "the militia vacated the town under a deal"]
    toy = {**TOY, "Non-violent transfer of territory": handover}
    labels = sorted(toy)
    texts = [t for label in labels for t in toy[label]]
    y = np.array([labels.index(label) for label in labels for _ in toy[label]])
    weights, bias = fit(_Sparse(texts), y, len(labels), np.ones(len(y), np.float32), epochs=30)
    typer = Typer(weights.astype(np.float16), bias, labels, 1.0, 0.5, "toy-typer-0")
    text = "rebels handed over the town after talks"
    assert typer.guess(text).sub_event_type == "Non-violent transfer of territory"
    assert decide(None, text, typer).sub_event_type != "Non-violent transfer of territory"
    ruled = decide(_cue("Non-violent transfer of territory", "Strategic developments"), text, typer)
    assert (ruled.sub_event_type, ruled.source) == ("Non-violent transfer of territory", "rules")


def test_decide_gives_no_type_to_what_the_model_reads_as_no_conflict():
    typer = toy_typer(threshold=0.5)
    none = decide(_cue("Armed clash", "Battles"), "the team won the cup final", typer)
    assert none.sub_event_type is None and none.event_type is None


def _corpus(path):
    rows = []
    origins = [("x/a", "a.csv"), ("x/b", "b.csv"), ("RPanlilio/acled", "acled.csv"), ("dkoban/geo_stuff", "ACLED.csv")]
    for i in range(160):
        label = ["Shelling/artillery/missile attack", "Peaceful protest"][i % 2]
        text = TOY[label][i % 4] + f" near town {i}"
        repo, file = origins[i % 4]
        rows.append({"notes": text, "sub_event_type": label, "event_type": "x", "origin_repo": repo, "origin_path": file})
    rows.append({"notes": "old battle", "sub_event_type": None, "event_type": "Battle-Government regains territory",
                 "origin_repo": "x/a", "origin_path": "a.csv"})
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row) + "\n")


def test_cli_train_typer_writes_model_metrics_and_card(tmp_path):
    data = tmp_path / "acled_notes.jsonl.gz"
    _corpus(data)
    result = CliRunner().invoke(cli, ["train", "typer", "--data", str(tmp_path), "--out", str(tmp_path / "m")])
    assert result.exit_code == 0, result.output
    metrics = json.loads((tmp_path / "m" / "metrics.json").read_text())
    assert metrics["sizes"]["test"] == 40 and metrics["sizes"]["held_out"] == 40
    assert "Government regains territory" in metrics["labels"]
    assert metrics["test"]["weighted_f1"] > 0.9
    card = (tmp_path / "m" / "MODEL.md").read_text()
    assert "confusion matrix" in card and "RPanlilio/acled" in card and "tags removed" in card
    assert Typer.load(tmp_path / "m" / "typer.npz").name == metrics["name"]
    assert Typer.load(tmp_path / "m" / "typer.npz").reader == "plain" == metrics["reader"]


def test_a_tagged_note_is_also_trained_on_without_its_tag():
    tagged = Example("Property destruction: Police seized a ton of marijuana.", "Looting/property destruction", "o")
    plain = Example("Rebels attacked a base.", "Armed clash", "o")
    assert with_untagged_copies([tagged, plain]) == [
        tagged, Example("Police seized a ton of marijuana.", "Looting/property destruction", "o"), plain]


def test_cli_train_typer_with_masked_features_records_its_reader(tmp_path):
    _corpus(tmp_path / "acled_notes.jsonl.gz")
    result = CliRunner().invoke(cli, ["train", "typer", "--data", str(tmp_path), "--out", str(tmp_path / "m"),
                                      "--features", "masked"])
    assert result.exit_code == 0, result.output
    typer = Typer.load(tmp_path / "m" / "typer.npz")
    assert typer.reader == "masked" and typer.name.endswith("-masked")
    assert typer.guess("Troops shelled Kunduz with artillery").sub_event_type == "Shelling/artillery/missile attack"


def test_cli_train_typer_without_data_is_a_clear_error(tmp_path):
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(cli, ["train", "typer", "--data", str(tmp_path / "empty"), "--out", str(tmp_path / "m")])
    assert result.exit_code != 0 and "E904" in result.output
