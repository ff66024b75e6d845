"""The test zones must be valid for the reference servers, or the differential
test would compare against peers that loaded something else."""

import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "system"))

from harness import TEST_ZONES, ZONES_DIR  # noqa: E402


@pytest.mark.parametrize("origin", sorted(TEST_ZONES))
def test_nsd_checkzone_accepts(origin):
    run = subprocess.run(["nsd-checkzone", origin, TEST_ZONES[origin]], cwd=ZONES_DIR,
                         capture_output=True, text=True, timeout=30)
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.parametrize("origin", sorted(TEST_ZONES))
def test_kzonecheck_finds_no_semantic_error(origin):
    run = subprocess.run(["kzonecheck", "-v", "-o", origin, TEST_ZONES[origin]], cwd=ZONES_DIR,
                         capture_output=True, text=True, timeout=30)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "No semantic error found" in run.stdout + run.stderr
