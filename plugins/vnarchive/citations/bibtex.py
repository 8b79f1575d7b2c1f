"""trich-dan.bib: the article as one BibTeX entry.

Every field value is escaped for TeX (`{ } % & \\ # $ _ ^ ~`), so a title
such as "Lãi suất 5% & {ưu đãi}" cannot unbalance the entry or start a
command. People are "Họ, Tên đệm Tên" (family name first, as BibTeX
reads a comma); a newsroom or group credit is wrapped in braces, so
BibTeX takes it as one institutional name. `date` (biblatex) carries the
precision known: no invented month or day; an undated article has none.
"""

from __future__ import annotations

from .work import Work, family_given

_TEX = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#",
    "$": r"\$", "_": r"\_", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}",
}
_TEX_TABLE = str.maketrans(_TEX)


def tex(text: str) -> str:
    """Text as a TeX field value: specials escaped, whitespace runs one space."""
    return " ".join(text.split()).translate(_TEX_TABLE)


def url_field(url: str) -> str:
    """A URL as biblatex reads it, verbatim (its % and # stay: percent-escapes
    are part of the address); the braces and backslash that could end the
    field are percent-encoded (the converter's URLs have none left anyway)."""
    return url.replace("{", "%7B").replace("}", "%7D").replace("\\", "%5C")


def names(work: Work) -> str:
    people = []
    for person in work.persons:
        family, given = family_given(person)
        people.append(f"{tex(family)}, {tex(given)}" if given else tex(family))
    people += [f"{{{tex(name)}}}" for name in work.institutions]
    return " and ".join(people)


def entry(work: Work) -> str:
    """The BibTeX entry (`@article` in a newspaper when an outlet is known, else `@misc`)."""
    fields: list[tuple[str, str]] = []
    author = names(work)
    if author:
        fields.append(("author", author))
    fields.append(("title", tex(work.title or "Bài không có tiêu đề")))
    outlet = ", ".join(work.outlets)
    if outlet:
        fields += [("journal", tex(outlet)), ("publisher", tex(outlet)), ("entrysubtype", "newspaper")]
    if work.year is not None:
        fields.append(("year", str(work.year)))
        date = f"{work.year:04d}"
        if work.month is not None:
            fields.append(("month", str(work.month)))
            date += f"-{work.month:02d}"
            if work.day is not None:
                date += f"-{work.day:02d}"
        fields.append(("date", date))
    url = work.url or work.archive_url
    if url:
        fields.append(("url", url_field(url)))
    if work.accessed:
        fields.append(("urldate", work.accessed))
    notes = []
    if work.year is None:
        notes.append("không rõ năm")
    if work.url and work.archive_url:
        notes.append("bản lưu: " + url_field(work.archive_url))
    if notes:
        fields.append(("note", tex("; ".join(notes))))
    fields.append(("langid", "vietnamese"))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{'article' if outlet else 'misc'}{{{work.key},\n{body}\n}}\n"
