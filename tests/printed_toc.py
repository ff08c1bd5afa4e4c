"""The printed brochure's table of contents, as the oracle for navigation tests.

Each contribution's author(s) as printed, in print order, with the print page. The tests
check the editions against this list, not against the sources they were made from.
"""

AUTHORS_IN_PRINT_ORDER: list[tuple[str, int]] = [
    ("Fritz Kuhn", 3),
    ("Dr. Manfred Schmidt", 4),
    ("Claudia Walther", 5),
    ("Sybille Haussmann", 18),
    ("Gari Pavkovic", 28),
    ("Günther Schwibbe", 39),
    ("Helmuth Schweitzer", 40),
    ("Klaus Burgmeier", 62),
    ("Jochen Köhnke", 63),
    ("Stojan Gugutschkow", 64),
    ("Werner Hülsmann", 65),
    ("Rüdiger Knipp", 79),
    ("Dörthe Thiele", 79),
    ("Jürgen Lemmer", 80),
    ("Dr. Rene Leicht", 82),
    ("Uschi Sorg", 82),
    ("Dr. Günter Max Behrendt", 83),
    ("Anne Wehkamp", 84),
    ("Sedat Cakir", 85),
    ("Seda Rass-Turgut", 86),
    ("Ralf Sabelhaus", 86),
    ("Veronika Kabis", 86),
    ("Hannes Schammann", 87),
    ("Dr. Hubertus Schroer", 88),
    ("Prof. Dr. Filsinger", 89),
    ("Gari Pavkovic", 93),
]

# Print pages of the parts and chapters that have one.
PRINT_PAGES = {3, 4, 5, 8, 10, 12, 18, 19, 28, 29, 39, 40, 42, 62, 63, 64, 65, 66, 79, 80, 82, 83,
               84, 85, 86, 87, 88, 89, 93, 95}


def missing_or_out_of_order(titles: list[str]) -> list[str]:
    """Authors of the printed table of contents not found in *titles* in print order.

    One title may name two authors ("Seda Rass-Turgut und Ralf Sabelhaus"), and one author
    may appear twice (Gari Pavkovic), so the search may stay on a title for the next author
    but never matches the same author in the same title twice.
    """
    problems, position, used = [], 0, set()
    for author, page in AUTHORS_IN_PRINT_ORDER:
        found = next((i for i in range(position, len(titles))
                      if author in titles[i] and (i, author) not in used), None)
        if found is None:
            problems.append(f"{author} (print p. {page})")
            continue
        used.add((found, author))
        position = found
    return problems
