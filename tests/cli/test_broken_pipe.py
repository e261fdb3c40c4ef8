"""A reader that stops reading (``ntmplan validate f.csv | head``) ends the command quietly."""

import subprocess
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "data" / "bad"


def test_closed_output_is_not_an_unexpected_error():
    proc = subprocess.Popen(
        [sys.executable, "-m", "ntmplan", "validate", str(CORPUS / "unterminated_quote.csv")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.close()  # the reader goes away before anything is printed
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.wait(timeout=120)
    assert "unexpected error" not in err and "Traceback" not in err
    assert proc.returncode == 141
