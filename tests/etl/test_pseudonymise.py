"""etl.pseudonymise: INSZ numbers in a supplier file become keyed pseudonyms (docs/privacy.md)."""

from __future__ import annotations

import csv
import hashlib
import hmac
import json
import logging

import pytest

from etl.insz import is_valid_insz
from etl.load import load
from etl.pseudonymise import PseudonymiseError, pseudonymise_file

KEY = b"test-key-0123456789-abcdefghijklmnopqrstuvwxyz"  # 46 bytes
OTHER_KEY = b"another-test-key-0123456789-abcdefghijklmnopqrs"
BENEFIT_HEADER = ["person_id", "ref_month", "nis_code", "benefit_type", "household", "gender",
                  "birth_year", "education", "origin", "vdab_status", "gpmi"]
OTHER_FIELDS = ["2024-05", "44021", "LL", "alleenstaand", "M", "1990", "laag", "belg", "nwwz", "1"]


def make_insz(yymmdd: str, serial: int, born_2000_or_later: bool = False) -> str:
    """A valid INSZ: the birth date, a 3-digit serial number and the mod-97 check."""
    base = f"{yymmdd}{serial:03d}"
    number = int(base) + (2_000_000_000 if born_2000_or_later else 0)
    return f"{base}{97 - number % 97:02d}"


def formatted(insz: str) -> str:
    return f"{insz[:2]}.{insz[2:4]}.{insz[4:6]}-{insz[6:9]}.{insz[9:]}"


VALID = [make_insz("850730", 33)] + [make_insz(f"9{i}0101", 100 + i) for i in range(5)] \
    + [make_insz("050315", 7, born_2000_or_later=True)]


def broken(insz: str) -> str:
    return insz[:9] + f"{(int(insz[9:]) + 1) % 100:02d}"


@pytest.fixture
def key_file(tmp_path):
    path = tmp_path / "key"
    path.write_bytes(KEY + b"\n")
    return path


def write(path, header, rows, delimiter=",", bom=False, newline="\n"):
    text = newline.join(delimiter.join(r) for r in [header, *rows]) + newline
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def read_rows(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def expected(key: bytes, insz: str) -> str:
    return hmac.new(key, insz.encode(), hashlib.sha256).hexdigest()


def test_the_helper_makes_valid_insz_numbers():
    assert VALID[0] == "85073003328"
    assert all(is_valid_insz(v) for v in VALID)
    assert not any(is_valid_insz(broken(v)) for v in VALID)


def test_person_id_becomes_the_hmac_of_the_insz(tmp_path, key_file):
    src = write(tmp_path / "in.csv", BENEFIT_HEADER, [[v, *OTHER_FIELDS] for v in VALID])
    report = pseudonymise_file(key_file, src, tmp_path / "out.csv")
    rows = read_rows(tmp_path / "out.csv")
    assert rows[0] == BENEFIT_HEADER
    assert [r[0] for r in rows[1:]] == [expected(KEY, v) for v in VALID]
    assert all(len(r[0]) == 64 and r[0] == r[0].lower() for r in rows[1:])
    assert [r[1:] for r in rows[1:]] == [OTHER_FIELDS] * len(VALID)
    assert report["rows_in"] == report["rows_written"] == len(VALID)
    assert report["rows_invalid"] == 0 and report["invalid_lines"] == []


def test_same_insz_and_key_same_pseudonym_other_key_other_pseudonym(tmp_path, key_file):
    src = write(tmp_path / "in.csv", ["person_id", "ref_month", "work_type", "work_region"],
                [[VALID[0], "2024-05", "regulier", "VLG"], [VALID[0], "2024-06", "art60", "BRU"]])
    pseudonymise_file(key_file, src, tmp_path / "a.csv")
    pseudonymise_file(key_file, src, tmp_path / "b.csv")
    other_key = tmp_path / "other.key"
    other_key.write_bytes(OTHER_KEY)
    pseudonymise_file(other_key, src, tmp_path / "c.csv")
    a, b, c = (read_rows(tmp_path / f"{n}.csv") for n in "abc")
    assert a == b
    assert a[1][0] == a[2][0]  # the same person in two months
    assert c[1][0] != a[1][0] and c[1][0] == expected(OTHER_KEY, VALID[0])


def test_separators_bom_semicolons_and_crlf_do_not_matter(tmp_path, key_file):
    plain = write(tmp_path / "plain.csv", BENEFIT_HEADER, [[VALID[0], *OTHER_FIELDS]])
    fancy = write(tmp_path / "fancy.csv", BENEFIT_HEADER, [[formatted(VALID[0]), *OTHER_FIELDS]],
                  delimiter=";", bom=True, newline="\r\n")
    spaced = write(tmp_path / "spaced.csv", BENEFIT_HEADER,
                   [[f"{VALID[0][:6]} {VALID[0][6:9]} {VALID[0][9:]}", *OTHER_FIELDS]])
    for name in ("plain", "fancy", "spaced"):
        pseudonymise_file(key_file, tmp_path / f"{name}.csv", tmp_path / f"{name}.out.csv")
    assert formatted(VALID[0]) == "85.07.30-033.28"
    outputs = [(tmp_path / f"{n}.out.csv").read_bytes() for n in ("plain", "fancy", "spaced")]
    assert outputs[0] == outputs[1] == outputs[2]
    assert not outputs[0].startswith(b"\xef\xbb\xbf") and b";" not in outputs[0] and b"\r" not in outputs[0]
    assert plain.exists() and fancy.exists()


def test_invalid_rows_are_left_out_and_reported_by_line_only(tmp_path, key_file):
    rows = [
        [VALID[0], *OTHER_FIELDS],                   # line 2
        [broken(VALID[1]), *OTHER_FIELDS],           # line 3: checksum fails
        [VALID[2], *OTHER_FIELDS],                   # line 4
        ["", *OTHER_FIELDS],                         # line 5: empty
        ["0123456789abcdef", *OTHER_FIELDS],         # line 6: already a pseudonym, not an INSZ
        [VALID[3], *OTHER_FIELDS[:-1]],              # line 7: a field short
        [VALID[4], *OTHER_FIELDS[:-1], VALID[5]],    # line 8: an INSZ in another column
        [formatted(broken(VALID[6])), *OTHER_FIELDS],  # line 9: checksum fails
    ]
    src = write(tmp_path / "in.csv", BENEFIT_HEADER, rows)
    report = pseudonymise_file(key_file, src, tmp_path / "out.csv")
    assert report["rows_in"] == 8 and report["rows_written"] == 2 and report["rows_invalid"] == 6
    assert report["invalid_lines"] == [3, 5, 6, 7, 8, 9]
    assert report["invalid_reasons"] == {"empty_person_id": 1, "not_an_insz": 1, "bad_checksum": 2,
                                         "insz_in_other_column": 1, "malformed_row": 1}
    assert [r[0] for r in read_rows(tmp_path / "out.csv")[1:]] == [expected(KEY, VALID[0]),
                                                                   expected(KEY, VALID[2])]


def test_blank_lines_are_not_rows_and_line_numbers_stay_physical(tmp_path, key_file):
    src = tmp_path / "in.csv"
    src.write_text("person_id,ref_month,work_type,work_region\n\n"
                   f"{broken(VALID[0])},2024-05,regulier,VLG\n"
                   f'{VALID[1]},2024-05,"regu\nlier",VLG\n'
                   f"{broken(VALID[2])},2024-05,regulier,VLG\n", encoding="utf-8")
    report = pseudonymise_file(key_file, src, tmp_path / "out.csv")
    assert report["rows_in"] == 3 and report["invalid_lines"] == [3, 6]


def test_no_insz_and_no_key_anywhere(tmp_path, key_file, capsys, caplog):
    caplog.set_level(logging.DEBUG)
    rows = [[v, *OTHER_FIELDS] for v in VALID] + [[broken(v), *OTHER_FIELDS] for v in VALID]
    rows += [[formatted(v), *OTHER_FIELDS] for v in VALID]
    src = write(tmp_path / "in.csv", BENEFIT_HEADER, rows, delimiter=";")
    report = pseudonymise_file(key_file, src, tmp_path / "out.csv")
    assert report["rows_invalid"] == len(VALID)
    with pytest.raises(PseudonymiseError) as bad_input:
        pseudonymise_file(key_file, write(tmp_path / "x.csv", ["insz", "ref_month"], [[VALID[0], "2024-05"]]),
                          tmp_path / "x.out.csv")
    captured = capsys.readouterr()
    places = {
        "output": (tmp_path / "out.csv").read_bytes(),
        "report": repr(report).encode(),
        "error": str(bad_input.value).encode(),
        "stdout": captured.out.encode(),
        "stderr": captured.err.encode(),
        "log": caplog.text.encode(),
    }
    secrets = [KEY, KEY.hex().encode()] + [s.encode() for v in VALID for s in (v, formatted(v), broken(v))]
    for where, data in places.items():
        for secret in secrets:
            assert secret not in data, where
    # and nothing else is left beside the output: no temporary file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "key", "out.csv", "x.csv"]


@pytest.mark.parametrize("content", [b"", b"s3cr3tQ\n", b"x" * 31, b"x" * 31 + b"\n", b"x" * 31 + b"\r\n"])
def test_a_short_key_is_rejected_without_showing_it(tmp_path, content):
    key = tmp_path / "weak.key"
    key.write_bytes(content)
    src = write(tmp_path / "in.csv", BENEFIT_HEADER, [[VALID[0], *OTHER_FIELDS]])
    with pytest.raises(PseudonymiseError) as err:
        pseudonymise_file(key, src, tmp_path / "out.csv")
    message = str(err.value)
    assert str(key) in message and "at least 32 bytes" in message
    assert content.strip() == b"" or content.strip().decode() not in message.replace(str(tmp_path), "")
    assert not (tmp_path / "out.csv").exists()


def test_a_32_byte_key_with_a_trailing_newline_is_accepted(tmp_path):
    key = tmp_path / "ok.key"
    key.write_bytes(b"k" * 32 + b"\n")
    src = write(tmp_path / "in.csv", BENEFIT_HEADER, [[VALID[0], *OTHER_FIELDS]])
    pseudonymise_file(key, src, tmp_path / "out.csv")
    assert read_rows(tmp_path / "out.csv")[1][0] == expected(b"k" * 32, VALID[0])


def test_user_errors_name_the_file(tmp_path, key_file):
    with pytest.raises(PseudonymiseError, match="missing.csv"):
        pseudonymise_file(key_file, tmp_path / "missing.csv", tmp_path / "out.csv")
    with pytest.raises(PseudonymiseError, match="nokey"):
        pseudonymise_file(tmp_path / "nokey", tmp_path / "missing.csv", tmp_path / "out.csv")
    no_id = write(tmp_path / "no_id.csv", ["insz", "ref_month"], [[VALID[0], "2024-05"]])
    with pytest.raises(PseudonymiseError, match="no_id.csv.*no person_id column"):
        pseudonymise_file(key_file, no_id, tmp_path / "out.csv")
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(PseudonymiseError, match="empty.csv.*header"):
        pseudonymise_file(key_file, empty, tmp_path / "out.csv")
    latin = tmp_path / "latin.csv"
    latin.write_bytes(b"person_id,ref_month\n" + VALID[0].encode() + b",2024-05\n\xe9\xe9,x\n")
    with pytest.raises(PseudonymiseError, match="latin.csv.*UTF-8"):
        pseudonymise_file(key_file, latin, tmp_path / "out.csv")
    with pytest.raises(PseudonymiseError, match="does not exist"):
        pseudonymise_file(key_file, no_id, tmp_path / "nodir" / "out.csv")
    src = write(tmp_path / "in.csv", BENEFIT_HEADER, [[VALID[0], *OTHER_FIELDS]])
    with pytest.raises(PseudonymiseError, match="must not overwrite the input"):
        pseudonymise_file(key_file, src, src)
    assert not (tmp_path / "out.csv").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_failed_run_leaves_the_previous_output_intact(tmp_path, key_file):
    out = tmp_path / "out.csv"
    out.write_text("previous\n")
    latin = tmp_path / "latin.csv"
    latin.write_bytes(b"person_id,ref_month\n" + VALID[0].encode() + b",2024-05\n\xe9\xe9,x\n")
    with pytest.raises(PseudonymiseError):
        pseudonymise_file(key_file, latin, out)
    assert out.read_text() == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["key", "latin.csv", "out.csv"]


def test_the_output_loads_without_quarantine(tmp_path, key_file):
    rows = [[v, *OTHER_FIELDS] for v in VALID] + [[broken(VALID[0]), *OTHER_FIELDS]]
    src = write(tmp_path / "supplier.csv", BENEFIT_HEADER, rows, delimiter=";", bom=True)
    delivery = tmp_path / "delivery"
    delivery.mkdir()
    report = pseudonymise_file(key_file, src, delivery / "benefit_x.csv")
    assert report["rows_written"] == len(VALID) and report["rows_invalid"] == 1
    loaded = load([delivery], tmp_path / "wh.duckdb")
    assert loaded.published
    (file_report,) = loaded.files
    assert file_report.outcome == "loaded"
    assert file_report.rows_loaded == report["rows_written"]
    assert file_report.rows_quarantined == 0


def test_the_report_is_plain_json_data(tmp_path, key_file):
    """The CLI may print the report as JSON."""
    src = write(tmp_path / "in.csv", BENEFIT_HEADER, [[broken(VALID[0]), *OTHER_FIELDS]])
    report = pseudonymise_file(key_file, src, tmp_path / "out.csv")
    assert json.loads(json.dumps(report)) == report
    assert {"rows_in", "rows_written", "rows_invalid", "invalid_lines"} <= set(report)
    assert read_rows(tmp_path / "out.csv") == [BENEFIT_HEADER]  # header only
