"""``ntmplan collect FOLDER --out FILE [--partial] [--prefer newest]``: returned forms → one survey.

Reads every returned file under FOLDER (subfolders too, any names), validates each with the
rules of ``ntmplan validate``, prints the returns report and writes it beside ``--out``
(``<stem>_bao_cao_thu_phieu.xlsx``, or ``--report``). The merged survey is written only when
every file was submitted without error, or with ``--partial`` (marked as partial, valid
communes only). Exit code 0 when the survey is complete, 1 otherwise. Returned files are
only read.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ntmplan.cli.errors import EXIT_OK, EXIT_PROBLEMS, UsageError


def progress_bar(quiet: bool):
    """Return a wrapper showing a tqdm progress bar over the files on a terminal, else None.

    Parameters
    ----------
    quiet : bool
        ``--quiet``: no bar even on a terminal.

    Returns
    -------
    callable or None
    """
    if quiet or not sys.stderr.isatty():
        return None
    try:
        from tqdm import tqdm  # installed with papermill
    except ImportError:
        return None

    return lambda items: tqdm(items, desc="Đọc phiếu / reading forms", unit=" tệp", file=sys.stderr)


def _partial_note(collection, root: Path) -> list[str]:
    from ntmplan.survey.forms.collect import STATUS_LABELS

    left = collection.files[collection.files["status"] != "submitted"]
    lines = [
        f"Bản này chỉ gồm {len(collection.communes)} xã có phiếu hợp lệ (đã nộp, không lỗi).",
        f"Không gồm {len(left)} tệp có lỗi, trùng hoặc không nhận ra, và {len(collection.missing)} xã chưa nộp phiếu.",
        "Xem báo cáo thu phiếu để biết từng tệp và từng lỗi. Không dùng bản này như số liệu đầy đủ của tỉnh.",
    ]
    for file, status in zip(left["file"], left["status"], strict=True):
        lines.append(
            f"• {Path(file).relative_to(root) if Path(file).is_relative_to(root) else file}: {STATUS_LABELS[status]}"
        )
    return lines


def _province_names(collection) -> str:
    from ntmplan.survey.units import find_province

    codes = sorted(
        set(collection.missing["province_code"]) | set(collection.files["province_code"].dropna())
    )
    return ", ".join(find_province(c)["province_name"] for c in codes)


def cmd_collect(args) -> int:
    """Collect returned forms, print and write the returns report, write the merged survey.

    Parameters
    ----------
    args : argparse.Namespace
        ``folder``, ``out``, ``report``, ``partial``, ``prefer``, ``province``, ``quiet``.

    Returns
    -------
    int
        0 when every file was submitted without error, 1 otherwise (also with ``--partial``).

    Raises
    ------
    UsageError
        If ``--out`` is not an .xlsx file name, or would overwrite a returned file.
    InputError
        If FOLDER is not a folder.
    """
    from ntmplan.cli.provinces import resolve_provinces
    from ntmplan.cli.validate import emit
    from ntmplan.survey.forms.collect import collect_returns
    from ntmplan.survey.forms.merge import write_merged_survey
    from ntmplan.survey.forms.report import format_returns, returns_tables, write_returns_report
    from ntmplan.survey.forms.returns import find_returns

    root = Path(args.folder)
    out = Path(args.out)
    if out.suffix.lower() != ".xlsx" or out.is_dir():
        raise UsageError(f"--out {args.out!r}: cần tên tệp .xlsx / give an .xlsx file name")
    report = (
        Path(args.report) if args.report else out.with_name(f"{out.stem}_bao_cao_thu_phieu.xlsx")
    )
    province = resolve_provinces([args.province], False)[0] if args.province else None
    paths = find_returns(root)
    resolved = {p.resolve() for p in paths}
    if out.resolve() in resolved or report.resolve() in resolved:
        raise UsageError(
            "--out / --report trùng một tệp phiếu đã nhận; hãy ghi ra ngoài thư mục phiếu / would overwrite a returned file"
        )
    collection = collect_returns(
        paths, province=province, prefer=args.prefer, progress=progress_bar(args.quiet)
    )
    merged = "none"
    if collection.complete:
        write_merged_survey(out, collection.communes, collection.villages)
        merged = "complete"
    elif args.partial and len(collection.communes):
        write_merged_survey(
            out,
            collection.communes,
            collection.villages,
            partial_note=_partial_note(collection, root),
        )
        merged = "partial"
    tables = returns_tables(collection, root=root, merged=merged)
    write_returns_report(report, tables, title=_province_names(collection))
    emit(format_returns(tables))
    emit(f"\nBáo cáo thu phiếu / returns report: {report}")
    if merged != "none":
        emit(
            f"Khảo sát tổng hợp / merged survey{' (MỘT PHẦN / partial)' if merged == 'partial' else ''}: {out}"
        )
    return EXIT_OK if collection.complete else EXIT_PROBLEMS


def add_parser(sub) -> None:
    """Add ``collect`` to the subcommands.

    Parameters
    ----------
    sub : argparse._SubParsersAction
    """
    p = sub.add_parser("collect", help="gộp phiếu các xã gửi về / returned forms → one survey")
    p.add_argument("folder", help="thư mục phiếu đã nhận / folder of returned forms")
    p.add_argument(
        "--out", required=True, help="khảo sát tổng hợp, ví dụ khao_sat_<tỉnh>.xlsx / merged survey"
    )
    p.add_argument("--report", help="báo cáo thu phiếu (.xlsx) / returns report")
    p.add_argument("--province", help="mã hoặc tên tỉnh (mặc định: theo phiếu) / province")
    p.add_argument(
        "--partial",
        action="store_true",
        help="ghi bản một phần cho các xã hợp lệ / write a partial survey",
    )
    p.add_argument(
        "--prefer",
        choices=["newest"],
        help="hai phiếu một xã: dùng bản sửa sau cùng / keep the newest",
    )
    p.add_argument(
        "--quiet", action="store_true", help="không hiện thanh tiến độ / no progress bar"
    )
    p.set_defaults(func=cmd_collect)
