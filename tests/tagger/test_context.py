"""Instrument context: generic enforcement of a mercury instrument takes its main labels."""

OFFENCE = ("Every person who contravenes any provision of this Act is guilty of an offence and "
           "liable on summary conviction to a fine of not more than $5,000.")
INSTRUMENT = [
    {"id": "m-1", "text": "Short title 1 This Act may be cited as the Mercury Products Act."},
    {"id": "m-2", "text": "2 No person shall manufacture, import or sell a battery containing "
                          "mercury or a mercury-added product listed in the Schedule."},
    {"id": "m-3", "text": "3 No person shall sell a cosmetic that contains mercury."},
    {"id": "m-4", "text": "4 " + OFFENCE},
]


def _instrument(name, items):
    return [{**item, "jurisdiction": "zz", "instrument": name, "lang": "en"} for item in items]


def test_offence_of_mercury_instrument_takes_main_labels(tagger):
    out = tagger.tag_items(_instrument("Mercury Products Act", INSTRUMENT))
    assert "4" in out[1]["articles"]
    assert out[3]["articles"] == ["4"]
    assert out[0]["articles"] == []  # the short title itself takes none


def test_same_offence_alone_or_in_general_law_takes_none(tagger):
    (alone,) = tagger.tag_items([{"id": "o", "text": "4 " + OFFENCE, "lang": "en"}])
    assert alone["articles"] == []
    general = _instrument("Consumer Goods Act", [
        {"id": "g-1", "text": "1 No person shall sell a toy that is unsafe for children."},
        {"id": "g-2", "text": "2 Every dealer shall keep records of sales for three years."},
        {"id": "g-3", "text": "3 " + OFFENCE},
    ])
    assert [o["articles"] for o in tagger.tag_items(general)] == [[], [], []]


def test_real_instrument_enforcement(tagger, dev):
    """42 U.S.C. ch. 137: the civil-penalty subsection never names mercury; read in its chapter
    (whose shared heading names batteries containing mercury) it takes the chapter's label 4."""
    items = [item for item in dev.values() if item["instrument"] == "42 U.S.C. ch. 137"]
    out = {o["id"]: o for o in tagger.tag_items(items)}
    assert "4" in out["us-42usc-ch137-en-s14334"]["articles"]
    assert out["us-42usc-ch137-en-s14304-a"]["articles"] == ["4"]
    (alone,) = tagger.tag_items([dev["us-42usc-ch137-en-s14304-a"]])
    assert "4" in alone["articles"]  # alone, its heading still names the batteries
