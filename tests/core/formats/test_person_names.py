import pytest

from mutuals.core.formats.person_names import display_name, is_cjk, phonetic_name


@pytest.mark.parametrize(
    ("given", "middle", "family", "shown"),
    [
        ("小明", "", "王", "王小明"),
        ("유림", "", "최", "최유림"),
        ("太郎", "", "山田", "山田太郎"),
        ("Ada", "Augusta", "Lovelace", "Ada Augusta Lovelace"),
        ("Sean", "", "O'Neill", "Sean O'Neill"),
        ("", "", "Okonkwo", "Okonkwo"),
        ("Xiaoming", "", "Wang", "Xiaoming Wang"),
    ],
)
def test_a_name_is_built_as_its_language_writes_it(given, middle, family, shown):
    assert display_name(given, middle, family) == shown


def test_a_name_mixing_scripts_is_written_given_name_first():
    assert display_name("Anna", "", "王") == "Anna 王"


def test_kana_hangul_and_han_are_cjk_and_latin_is_not():
    assert (is_cjk("やまだ"), is_cjk("최유림"), is_cjk("王小明"), is_cjk("Wang")) == (
        True,
        True,
        True,
        False,
    )


def test_the_reading_of_a_japanese_name_starts_with_the_family():
    assert phonetic_name("たろう", "", "やまだ", name="山田太郎") == "やまだ たろう"


def test_the_reading_of_a_western_name_starts_with_the_given_name():
    assert phonetic_name("Shawn", "", "Oh-Neel", name="Sean O'Neill") == "Shawn Oh-Neel"
