"""The dev-set gate runs in CI: a fall below any pinned floor fails the build."""
import pytest

from tests.quality import gate

pytestmark = [pytest.mark.model, pytest.mark.slow]


@pytest.mark.skipif(not gate.DEV.exists(), reason="../shared/data/dev is not beside this checkout")
def test_dev_set_stays_above_floors():
    failures = gate.run_gate()
    assert failures == []


@pytest.mark.skipif(not gate.DEV.exists(), reason="../shared/data/dev is not beside this checkout")
def test_dev_set_merge_stays_above_floors():
    from tests.quality import merge_gate
    assert merge_gate.run_gate() == []
