"""``ntmplan provinces``, and turning ``--province`` values into province codes."""

from __future__ import annotations

from ntmplan.cli.errors import EXIT_OK, UsageError


def resolve_provinces(values: list[str] | None, all_: bool) -> list[str]:
    """Turn ``--province`` values into validated province codes.

    Parameters
    ----------
    values : list of str or None
        Codes or names; a value may hold several separated by commas.
    all_ : bool
        ``--all``: every province of the current scheme.

    Returns
    -------
    list of str
        Sorted, unique codes.

    Raises
    ------
    UsageError
        For an unknown province or when neither option is given.
    """
    from ntmplan.core.errors import UnknownProvinceError
    from ntmplan.survey import units

    if all_:
        return units.provinces("current")["province_code"].tolist()
    if not values:
        raise UsageError("Cần --province MÃ hoặc --all / need --province CODE or --all")
    codes = []
    for value in values:
        for part in str(value).split(","):
            part = part.strip()
            if not part:
                continue
            try:
                found = units.find_province(part, scheme="current")
            except UnknownProvinceError as exc:
                raise UsageError(str(exc)) from None
            codes.append(found["province_code"])
    return sorted(set(codes))


def cmd_provinces(args) -> int:
    """List the provinces of a scheme (``ntmplan provinces [--scheme]``).

    Parameters
    ----------
    args : argparse.Namespace

    Returns
    -------
    int
        :data:`~ntmplan.cli.errors.EXIT_OK`.
    """
    from ntmplan.survey import units

    print(units.provinces_table_text(args.scheme))
    return EXIT_OK


def add_parser(sub) -> None:
    """Add ``provinces`` to the subcommands.

    Parameters
    ----------
    sub : argparse._SubParsersAction
    """
    p = sub.add_parser("provinces", help="danh sách tỉnh, thành phố / list provinces")
    p.add_argument("--scheme", choices=["current", "legacy"], default="current")
    p.set_defaults(func=cmd_provinces)
