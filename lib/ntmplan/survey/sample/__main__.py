"""``python -m ntmplan.survey.sample``: regenerate the bundled illustrative surveys in ``data/sample``."""

from ntmplan.survey.sample.files import write_samples

if __name__ == "__main__":  # pragma: no cover - command-line entry
    for path in write_samples():
        print(
            f"Đã ghi dữ liệu minh họa / illustrative data written: {path} ({path.stat().st_size:,} bytes)"
        )
