import csv

import pytest

from childpath.linkage.cli import main

COLUMNS = "id,given_names,family_name,date_of_birth,sex,language\n"


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.fixture
def key(tmp_path):
    path = tmp_path / "shared.key"
    assert main(["keygen", "--out", str(path)]) == 0
    return str(path)


@pytest.fixture
def files(tmp_path):
    a = write(
        tmp_path / "a.csv",
        COLUMNS
        + "a1,Олександр,Шевченко,2010-03-14,m,uk\n"
        + "a2,Јелена,Петровић,2012-07-01,f,sr\n"
        + "a3,Ioana,Popescu,2011,f,ro\n",
    )
    b = write(
        tmp_path / "b.csv",
        COLUMNS
        + "b1,Schewtschenko,Oleksandr,2010-14-03,m,\n".replace("2010-14-03", "2010-03-14")
        + "b2,Jelena,Petrovic,2012-01-07,f,sr\n"
        + "b3,Mohammed,Haddad,2009-05-05,m,ar\n",
    )
    return a, b


def test_it_links_two_record_files(tmp_path, key, files):
    out = tmp_path / "pairs.csv"
    assert main(["link", *files, "--key-file", key, "--out", str(out), "--threshold", "0.01"]) == 0
    rows = list(csv.DictReader(out.open()))
    pairs = {(r["id_a"], r["id_b"]) for r in rows}
    assert ("a1", "b1") in pairs and ("a2", "b2") in pairs
    assert "Шевченко" not in out.read_text() and "Petrovic" not in out.read_text()


def test_it_links_two_encoding_files_like_the_records(tmp_path, key, files):
    encoded = []
    for name, path in zip("ab", files, strict=True):
        target = tmp_path / f"{name}.enc"
        assert main(["--encode", path, "--key-file", key, "--out", str(target)]) == 0
        assert "Шевченко" not in target.read_text()
        encoded.append(str(target))
    by_records, by_encodings = tmp_path / "r.csv", tmp_path / "e.csv"
    main(["link", *files, "--key-file", key, "--out", str(by_records), "--threshold", "0.01"])
    main(["link", *encoded, "--key-file", key, "--out", str(by_encodings), "--threshold", "0.01"])
    assert by_records.read_text() == by_encodings.read_text()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("id,given_names\nx,Anna\n", "missing column(s) family_name"),
        (COLUMNS + "x,Anna,Berg,2009-02-30,f,sv\n", "row 2 (id 'x'), field date_of_birth"),
        (COLUMNS + "x,Anna,Berg,,f,zz\n", "field language"),
        (COLUMNS + "x,Anna,Berg,,f\n", "row 2: 5 values for 6 columns"),
        (COLUMNS + "x,Anna,Berg,,f,sv\nx,Eva,Berg,,f,sv\n", "row 3, field id"),
    ],
)
def test_it_names_the_row_or_field_and_writes_nothing(
    tmp_path, key, files, capsys, content, message
):
    bad = write(tmp_path / "bad.csv", content)
    out = tmp_path / "pairs.csv"
    assert main(["link", bad, files[1], "--key-file", key, "--out", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".linkage-")]


def test_it_refuses_encodings_made_with_another_key(tmp_path, key, files, capsys):
    other = tmp_path / "other.key"
    main(["keygen", "--out", str(other)])
    encoded = tmp_path / "a.enc"
    main(["encode", files[0], "--key-file", str(other), "--out", str(encoded)])
    out = tmp_path / "pairs.csv"
    assert main(["link", str(encoded), files[1], "--key-file", key, "--out", str(out)]) == 2
    assert "Both parties must use the same key file" in capsys.readouterr().err
    assert not out.exists()


def test_it_refuses_a_damaged_or_missing_key(tmp_path, files, capsys):
    out = tmp_path / "pairs.csv"
    assert main(["link", *files, "--key-file", str(tmp_path / "none"), "--out", str(out)]) == 2
    assert "does not exist" in capsys.readouterr().err
    damaged = write(
        tmp_path / "damaged.key", '{"format": "childpath-linkage-key", "secret": "AA=="}'
    )
    assert main(["link", *files, "--key-file", damaged, "--out", str(out)]) == 2
    assert "damaged" in capsys.readouterr().err
    assert not out.exists()


def test_it_refuses_an_encoding_of_the_wrong_length(tmp_path, key, files, capsys):
    encoded = tmp_path / "a.enc"
    main(["encode", files[0], "--key-file", key, "--out", str(encoded)])
    lines = encoded.read_text().splitlines()
    lines[2] = lines[2].split(",")[0] + ",AAAA"
    encoded.write_text("\n".join(lines) + "\n")
    out = tmp_path / "pairs.csv"
    assert main(["link", str(encoded), files[1], "--key-file", key, "--out", str(out)]) == 2
    assert "row 3, field encoding: an encoding is 160 bytes" in capsys.readouterr().err


def test_it_never_overwrites_a_key(tmp_path, key, capsys):
    assert main(["keygen", "--out", key]) == 2
    assert "refusing to overwrite" in capsys.readouterr().err
