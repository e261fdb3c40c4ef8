"""CSV text: the delimiter read from the header row, quotes that never close, invisible characters."""

from ntmplan.survey.reading.text import csv_rows, show_invisible

HEADER = "province_code;commune_code;commune_name;year;households"


def test_delimiter_comes_from_the_header_not_a_title_line():
    text = "Biểu khảo sát, tỉnh Hà Nội, năm 2025\n" + HEADER + "\n01;00376;Xã Sóc Sơn;2025;19764\n"
    rows = csv_rows(text, "f.csv")
    assert rows[1] == ["province_code", "commune_code", "commune_name", "year", "households"]
    assert rows[2] == ["01", "00376", "Xã Sóc Sơn", "2025", "19764"]


def test_without_a_survey_header_the_first_line_decides():
    assert csv_rows("a\tb\n1\t2\n", "f.csv") == [["a", "b"], ["1", "2"]]


def test_unterminated_quote_names_the_lines_swallowed():
    text = HEADER.replace(";", ",") + '\n01,00376,"Xã Sóc Sơn,2025,1\n01,00382,Xã Kim Anh,2025,2\n'
    problems = []
    rows = csv_rows(text, "f.csv", problems)
    assert len(rows) == 2
    (p,) = problems
    assert (p.file, p.row, p.severity) == ("f.csv", 2, "error")
    assert "opened on line 2 of the file is not closed: lines 2–3 were swallowed" in p.rule_en


def test_a_closed_quote_with_a_comma_is_fine():
    problems = []
    rows = csv_rows('a,b,c\n1,"x, y",2\n', "f.csv", problems)
    assert rows[1] == ["1", "x, y", "2"] and problems == []


def test_show_invisible():
    assert show_invisible("house\u200bholds\ufeff") == "house⟨U+200B⟩holds⟨U+FEFF⟩"
