"""Rules added for cross-references, definitions, primary labels and per-article thresholds."""
import json
from pathlib import Path

import pytest

from kb.tagger.combine import Params
from kb.tagger.refs import citations, own_number

FOREIGN = Path(__file__).with_name("data") / "foreign.jsonl"


@pytest.mark.parametrize("text, expected", [
    ("reducir los límites dispuestos en el artículo 1º, conforme a los avances", ["1"]),
    ("les infractions aux dispositions des articles 4, 6 et 20 de la présente loi",
     ["4", "6", "20"]),
    ("in contravention of section 3 must ensure", ["3"]),
    ("conducted under sections 4 to 7 shall be submitted", ["4", "5", "6", "7"]),
    ("Subject to sections 5.2 and 5.3, a person", ["5.2", "5.3"]),
    ("prévue aux articles L. 615-1 ou L. 621-8-3 du présent code", ["615-1", "621-8-3"]),
    # references into other instruments are not the instrument's own provisions
    ("under subsection 101(1) of the Act", []),
    ("Modifíquese el artículo 14 de la Ley Nº 27651", []),
    ("à l'article 414-1 du code des douanes", []),
])
def test_citations(text, expected):
    found = citations(text)
    assert [n for numbers, _, _ in found for n in numbers] == expected
    assert all(text[start:end].split()[0].lower().startswith(("art", "sec", "§"))
               for _, start, end in found)


def test_own_number_from_field_or_text():
    assert own_number({"text": "x", "provision": "art. L621-8-2"}) == "621-8-2"
    # a whole annex has no section number; a schedule's sections are numbered apart
    assert own_number({"text": "x", "provision": "Anexo 01"}) is None
    assert own_number({"text": "x", "provision": "Sch. 5, s. 9"}) == "sch 5/9"
    assert own_number({"text": "x", "provision": "ann. 5, art. 9"}) == "sch 5/9"
    assert own_number({"text": "**ARTICULO 4º**— Autoridades de Aplicación."}) == "4"
    assert own_number({"text": "Application to renew permit 6 (1) An application"}) == "6"
    heading = "Title 42— CHAPTER 137— BATTERIES § "
    assert own_number({"text": heading + "14304. Enforcement"}, skip=len(heading)) == "14304"


def test_body_citation_does_not_reach_schedule_section(tagger, dev):
    """Metal and Diamond Mining Effluent Regulations: s. 10 submits "the information required
    by section 9" (final discharge points, gold: no label); section 9 of Schedule 5 is the
    biological monitoring study (19), a different provision."""
    items = _instrument(dev, "SOR/2002-222")
    out = {o["id"]: o for o in tagger.tag_items(items)}
    assert out["ca-sor-2002-222-en-s10"]["articles"] == []
    assert "19" in out["ca-sor-2002-222-en-sch5-s9"]["articles"]


def test_regulation_making_power_is_procedural(tagger, dev):
    """Grassy Narrows Mercury Disability Board Act s. 7 (en, fr): the power to make
    regulations is not itself the measure, so it does not take the Act's labels."""
    for lang, name in (("en", "S.C. 1986, c. 23 (G-11.4)"), ("fr", "S.C. 1986, ch. 23 (G-11.4)")):
        out = {o["id"]: o for o in tagger.tag_items(_instrument(dev, name))}
        assert out[f"ca-g-11-4-{lang}-s7"]["articles"] == []
        assert any(o["articles"] for o in out.values())


def test_electronic_submission_clause_is_procedural(tagger, dev):
    """Products Containing Mercury Regulations s. 13 (en, fr) names "the product containing
    mercury" but only sets the electronic form of submissions (gold: no label)."""
    for lang, name in (("en", "SOR/2014-254"), ("fr", "DORS/2014-254")):
        out = {o["id"]: o for o in tagger.tag_items(_instrument(dev, name))}
        assert out[f"ca-sor-2014-254-{lang}-s13"]["articles"] == []
        assert "4" in out[f"ca-sor-2014-254-{lang}-s3"]["articles"]


def test_citing_a_mercury_provision_ties_own_topic_words_to_mercury(tagger):
    """Shaped on SOR/2014-254 s. 3.1: a product made "in contravention of section 3" (the
    ban, 4) must be sent for final disposal (11), though the clause never says mercury; a
    penalty that only cites section 3 takes 4 with the citation as its evidence."""
    texts = ["Prohibition 3 No person shall manufacture or import a product containing mercury "
             "or any of its compounds.",
             "Obligation 4 A person that manufactures or imports a product in contravention of "
             "section 3 must ensure that the product is sent for final disposal at a facility "
             "that is authorized to treat hazardous waste.",
             "Offence 5 A person who contravenes section 3 is liable to a fine.",
             "Coming into force 6 These Regulations come into force on the day they are "
             "registered."]
    out = tagger.tag_items(_law(texts, "en"))
    assert [o["articles"] for o in out] == [["4"], ["4", "11"], ["4"], []]
    assert "final disposal" in [e["quote"] for e in out[1]["evidence"] if e["article"] == "11"]
    assert [e["quote"] for e in out[2]["evidence"]] == ["section 3"]
    for text, o in zip(texts, out):
        assert all(text[e["start"]:e["end"]] == e["quote"] for e in o["evidence"])


def test_waste_contaminated_with_mercury_is_waste_not_a_site(tagger):
    """Shaped on D.S. 014-2017-MINAM art. 68: waste "contaminated with mercury" is mercury
    waste (Art. 11.2), not a contaminated site (12); a site contaminated by mercury stays 12."""
    texts = ["Artículo 8.- No se aceptarán para coprocesamiento los residuos que contengan "
             "mercurio o estén contaminados con mercurio.",
             "Artículo 9.- La autoridad identificará los sitios contaminados con mercurio y "
             "aprobará su plan de remediación."]
    out = tagger.tag_items(_law(texts, "es"))
    assert "11" in out[0]["articles"] and "12" not in out[0]["articles"]
    assert "12" in out[1]["articles"]


def test_monitoring_elemental_mercury_in_air_is_not_supply(tagger):
    """Shaped on the Luxembourg ambient-air regulation: measuring "mercure élémentaire" in
    ambient air is monitoring (19), not a supply or trade rule (3)."""
    texts = ["Art. 4. Mesure Le mercure élémentaire et le mercure gazeux total sont mesurés "
             "en continu dans l'air ambiant sur au moins une station de surveillance."]
    (out,) = tagger.tag_items(_law(texts, "fr"))
    assert "19" in out["articles"] and "3" not in out["articles"]


def test_per_article_threshold():
    params = Params(threshold=0.5, offsets={"19": -0.1})
    assert params.cut("19") == pytest.approx(0.4) and params.cut("4") == 0.5


def _law(texts, lang, name="Test instrument"):
    """Provisions of one made-up instrument, in document order."""
    return [{"id": f"p{n}", "text": t, "lang": lang, "jurisdiction": "zz", "instrument": name}
            for n, t in enumerate(texts, 1)]


def _instrument(dev, name):
    return [item for item in dev.values() if item["instrument"] == name]


def test_penalty_takes_labels_of_cited_articles(tagger, dev):
    """Luxembourg battery law: the administrative sanctions cite the mercury ban (art. 4)
    among other articles by number and take its label."""
    items = _instrument(dev, "Loi du 19 décembre 2008 relative aux piles et accumulateurs")
    out = {o["id"]: o for o in tagger.tag_items(items)}
    assert "4" in out["lu-loi-2008-12-19-n18-fr-art4"]["articles"]
    assert "4" in out["lu-loi-2008-12-19-n18-fr-art23"]["articles"]


LAW = [
    "Art. 1er. La mise sur le marché de piles contenant plus de 0,0005 % de mercure en poids "
    "est interdite.",
    "Art. 2. Les véhicules de transport public sont immatriculés auprès du ministre.",
    "Art. 3. Les véhicules sont contrôlés chaque année par un organisme agréé.",
    "Art. 4. Les infractions aux dispositions de l'article 2 sont punies d'une amende de 251 "
    "à 10.000 euros.",
    "Art. 5. Les infractions aux dispositions de l'article 1er sont punies d'une amende de 251 "
    "à 10.000 euros.",
    "Art. 6. Les infractions à l'article 2 de la loi du 4 mai 1990 sont punies d'une amende.",
]


def test_cross_reference_in_general_law(tagger):
    """A general law: only the penalty that cites the mercury article takes its label; a
    penalty citing another article, or another law's article 1, takes none."""
    out = [o["articles"] for o in tagger.tag_items(_law(LAW, "fr", "Loi générale"))]
    assert "4" in out[0]
    assert out[3] == [] and out[5] == []
    assert "4" in out[4]


@pytest.mark.parametrize("item_id", [
    "bj-code-minier-fr-art1er",        # definitions of artisanal exploitation: not mercury-specific
    "pe-ds-010-2010-minam-es-art3",    # definitions incl. mining terms, no mercury
])
def test_definitions_without_mercury_take_none(tagger, dev, item_id):
    name = dev[item_id]["instrument"]
    out = {o["id"]: o for o in tagger.tag_items(_instrument(dev, name))}
    assert out[item_id]["articles"] == []


@pytest.mark.parametrize("item_id", [
    "ar-ley-24051-es-anexo-i-y29",          # "Y29 Mercurio, compuestos de mercurio": waste list
    "ca-sor-2021-25-en-sch11-item16",       # "C16 Mercury, mercury compounds (Y29)"
])
def test_waste_list_entry_is_not_trade(tag, dev, item_id):
    (out,) = tag(dev[item_id])
    assert "11" in out["articles"] and "3" not in out["articles"]


def test_long_term_storage_is_waste_not_interim_storage(tagger, dev):
    out = tagger.tag_items(_instrument(dev, "42 U.S.C. § 6939f"))
    assert all("10" not in o["articles"] for o in out)
    assert "11" in {a for o in out for a in o["articles"]}


def test_procedural_section_of_general_law_takes_none(tagger, dev):
    """Suspension of a hazardous-waste permit: the regulations are not about mercury, so their
    procedural sections take nothing even though some schedule rows name mercury."""
    out = {o["id"]: o for o in tagger.tag_items(_instrument(dev, "SOR/2021-25"))}
    assert out["ca-sor-2021-25-en-s12"]["articles"] == []
    assert out["ca-sor-2021-25-en-s37"]["articles"] == []


DECREE = [
    "**Artículo 1.- Aprobación de los Límites Máximos Permisibles** Apruébanse los Límites "
    "Máximos Permisibles (LMP) para emisiones atmosféricas de las plantas de fabricación de "
    "cemento, que como Anexo I forman parte integrante del presente Decreto Supremo.",
    "**Artículo 2.- Refrendo** El presente Decreto Supremo es refrendado por la Ministra del "
    "Ambiente.",
    "**ANEXO I** Límites máximos permisibles de emisiones de mercurio a la atmósfera de los "
    "hornos de clínker: Mercurio (Hg) 0,05 mg/Nm3.",
]


def test_article_enacting_an_annex_takes_its_labels(tagger):
    """GUIDELINES (enacting provisions): the article that only gives force to a mercury annex
    takes the annex's label; the countersignature article takes none."""
    out = [o["articles"] for o in tagger.tag_items(_law(DECREE, "es", "D.S. 1-2030"))]
    assert "8" in out[2] and out[0] == out[2] and out[1] == []


def test_real_decree_enacting_its_annex(tagger, dev):
    """D.S. 003-2017-MINAM art. 1 approves the air-quality standards annexed (total gaseous
    mercury: Article 19)."""
    items = _instrument(dev, "D.S. N° 003-2017-MINAM")
    out = {o["id"]: o for o in tagger.tag_items(items)}
    assert "19" in out["pe-ds-003-2017-minam-es-anexo"]["articles"]
    assert out["pe-ds-003-2017-minam-es-art1"]["articles"] == \
        out["pe-ds-003-2017-minam-es-anexo"]["articles"]


def test_article_replacing_an_annex_gives_force_to_the_new_one(tagger):
    """Belgian royal decree of 20 August 2000 (foreign.jsonl): "L'annexe 1 du même arrêté est
    remplacée par l'annexe du présent arrêté" gives force to the new mercury-battery annex
    and takes its label; the repeal article and the execution clause take none."""
    with open(FOREIGN, encoding="utf-8") as fh:
        items = [i for i in map(json.loads, fh) if i["id"].startswith("be-ar-2000-08-20")]
    out = {o["id"]: o["articles"] for o in tagger.tag_items(items)}
    assert out["be-ar-2000-08-20-fr-annexeartn1"] == ["4"]
    assert out["be-ar-2000-08-20-fr-art3"] == ["4"]
    assert out["be-ar-2000-08-20-fr-art1"] == out["be-ar-2000-08-20-fr-art4"] == []



LAMPS = [
    "Short title 1 This Act may be cited as the Safe Disposal of Lamps Containing Mercury Act.",
    "National strategy 2 The Minister must develop a national strategy for the safe and "
    "environmentally sound collection, recycling and disposal of lamps containing mercury.",
    "Report 3 The Minister must prepare a report setting out the national strategy and cause "
    "it to be laid before each House of Parliament.",
    "Review 4 Every five years, the Minister must prepare a report on the effectiveness of the "
    "national strategy.",
]


def test_instrument_labels_obey_subordination(tagger):
    """A disposal-of-lamps act is a waste instrument: its follow-up sections take 11 from the
    instrument, not the product label 4 that the lamps in its title suggest."""
    out = [o["articles"] for o in tagger.tag_items(_law(LAMPS, "en"))]
    assert "11" in out[1] and "4" not in out[1]
    assert all("4" not in row for row in out[2:])


EFFLUENT = [
    "1 The owner or operator of a mine shall not deposit effluent containing mercury in a "
    "concentration above 0.0005 mg/L from any final discharge point.",
    "1.1 The discharge of mercury to surface water from any works or undertaking is "
    "prohibited.",
    "2 Every application for the approval of a plan under section 1 shall be signed by the "
    "applicant and accompanied by the fee set out in the schedule, payable to the Receiver "
    "General; the Minister shall acknowledge receipt of the application within 15 days, may "
    "request any further document needed to examine it, shall decide within 90 days after "
    "receiving a complete application, and shall give written reasons for a refusal, which "
    "may be reviewed on request made within 30 days after the applicant receives them; the "
    "time limits do not run while a requested document is outstanding, and the Minister "
    "shall publish each decision, with the name of the applicant, in the public register.",
    "3 A person who contravenes section 1 commits an offence.",
]


def test_long_procedural_section_citing_a_mercury_rule_takes_nothing(tagger):
    """A long procedural section (fees, time limits) that mentions a mercury section in
    passing does not inherit its label; a penalty for breaking that section does."""
    out = [o["articles"] for o in tagger.tag_items(_law(EFFLUENT, "en"))]
    assert "9" in out[0] and "9" in out[1]
    assert out[2] == []
    assert "9" in out[3]


def test_repeal_clause_names_another_instrument(tagger):
    """A clause revoking the "Mercury Export Regulations" is procedural: no label of its own,
    and it does not make a general instrument about mercury export."""
    law = ["1 These Regulations come into force on 1 January 2030.",
           "2 An inspector may enter any premises at any reasonable time.",
           "3 The Mercury Export and Data (Enforcement) Regulations 2010 are revoked."]
    out = [o["articles"] for o in tagger.tag_items(_law(law, "en"))]
    assert out == [[], [], []]


@pytest.mark.parametrize("text, lang", [
    ("Se adoptará una política nacional para la reducción y eliminación del uso del mercurio "
     "en la pequeña minería y minería artesanal.", "es"),
    ("L'État met en œuvre la réduction et l'élimination de l'utilisation du mercure dans "
     "l'orpaillage.", "fr"),
])
def test_elimination_of_use_is_not_waste_disposal(tag, text, lang):
    (out,) = tag({"id": "x", "text": text, "lang": lang})
    assert "11" not in out["articles"] and "7" in out["articles"]


def test_at_most_three_labels(tagger, dev):
    out = tagger.tag_items(list(dev.values()))
    assert max(len(o["articles"]) for o in out) <= 3


TABLE = ("ANEXO 1 LÍMITES MÁXIMOS PERMISIBLES PARA LA DESCARGA DE EFLUENTES LÍQUIDOS DE LAS "
         "PLANTAS DE TRATAMIENTO Parámetro Unidad Límite en cualquier momento Promedio anual "
         + " ".join(f"{name} Total mg/L {n},5 {n},4" for n, name in enumerate(
             ["Sólidos", "Aceites", "Cianuro", "Arsénico", "Cadmio", "Cromo", "Cobre", "Hierro",
              "Plomo", "Níquel", "Selenio", "Zinc"], 1))
         + " Mercurio Total mg/L 0,002 0,0016")


def test_mercury_limit_value_makes_the_table_about_mercury(tag):
    """A limits table whose mercury row sits far from its title is still a mercury effluent
    limit (9): the limit value ties the row to the table's subject."""
    from kb.tagger import train
    (signals,) = train.signals_for([{"text": TABLE, "lang": "es"}])
    assert [TABLE[s:s + 8] for s in signals.limits] == ["Mercurio"]
    from kb.tagger.combine import NEAR, rule_scores
    score, hits = rule_scores(signals, Params(near=25))["9"]
    assert score >= NEAR and any("efluentes" in h.term for h in hits)
    (out,) = tag({"id": "t", "text": TABLE, "lang": "es"})
    assert "9" in out["articles"]


def test_list_number_is_not_a_limit():
    from kb.tagger import train
    (signals,) = train.signals_for([{"text": "6 Mercury and its compounds", "lang": "en"}])
    assert signals.limits == []


def test_article_enacting_an_annex_not_given_takes_the_instrument_labels(tagger):
    """The annex of emission limits is not among the provisions (a PDF in the gazette): the
    article giving it force takes the label the instrument's own mercury provisions carry."""
    law = ["**Artículo 1.- Aprobación** Apruébase el Anexo I, que forma parte integrante del "
           "presente Decreto Supremo.",
           "**Artículo 3.- Monitoreo** Los titulares de las plantas de cemento deben realizar "
           "monitoreos trimestrales de las emisiones de mercurio (Hg) a la atmósfera de los "
           "hornos de clínker.",
           "**Artículo 4.- Control** Las emisiones atmosféricas de mercurio de los hornos de "
           "clínker no deben superar los valores del Anexo I.",
           DECREE[1]]
    out = [o["articles"] for o in tagger.tag_items(_law(law, "es", "D.S. 2-2030"))]
    assert "8" in out[1] and "8" in out[2]
    assert "8" in out[0] and out[3] == []


def test_mining_activity_does_not_veto_artisanal_mining(tag):
    """"actividad minera" is every mining activity, artisanal included: it must not cancel the
    artisanal-mining terms next to it (a veto meant for "actividades minero-metalúrgicas")."""
    (out,) = tag({"id": "z", "lang": "es", "text": (
        "Regulación de la actividad minera en el departamento. Declárese como zonas de pequeña "
        "minería y minería artesanal las comprendidas en el Anexo 1.")})
    assert "7" in out["articles"]


def test_heading_label_survives_the_cap(tagger):
    """A report provision listing many topics keeps the label its heading names (21) among the
    three it may carry."""
    eu = [item for item in (json.loads(line) for line in open(FOREIGN, encoding="utf-8"))
          if item["instrument"].startswith("Regulation (EU) 2017/852")]
    out = {o["id"]: o["articles"] for o in tagger.tag_items(eu)}
    assert "21" in out["eu-reg-2017-852-en-art18"]
    assert len(out["eu-reg-2017-852-en-art18"]) <= 3


def test_designating_the_enforcing_authority_enforces_the_cited_limits(tagger, dev):
    """Argentine battery law 26.184: the articles naming the "Autoridad de Aplicación" for the
    mercury limits of article 1, or letting it lower them, enforce article 1 and take its
    label; the definition of a battery (art. 2) does not."""
    out = {o["id"]: o["articles"] for o in tagger.tag_items(_instrument(dev, "Ley 26.184"))}
    assert out["ar-ley-26184-es-art1"] == ["4"]
    assert out["ar-ley-26184-es-art4"] == ["4"]
    assert out["ar-ley-26184-es-art5"] == ["4"]
    assert out["ar-ley-26184-es-art2"] == []


def test_revoking_a_licence_is_not_a_repeal_clause(tag):
    """Ghana's Mercury Law, s. 2 (real text): "Revoke Licence" in the heading is an
    enforcement power, not a revocation of another instrument, so the licence to deal in
    mercury keeps its Article 3 label."""
    text = ("Section 2—Power to Grant and Revoke Licence. (1) The Secretary for Trade may issue a "
            "licence to any person authorising him to import into the country, possess, buy, "
            "sell or deal in mercury, subject to such conditions as may be specified in the "
            "licence.")
    assert "3" in tag({"id": "gh-s2", "text": text, "lang": "en"})[0]["articles"]


def test_limits_table_monitoring_is_the_sources_own(tagger, dev):
    """D.S. 010-2010-MINAM: the annex of mining-effluent limits (Mercurio Total mg/L) also says
    how to sample and monitor; that self-monitoring is part of the release control (9), not
    Article 19 monitoring, and the article enacting the annex takes the same label."""
    out = {o["id"]: o["articles"]
           for o in tagger.tag_items(_instrument(dev, "D.S. N° 010-2010-MINAM"))}
    assert out["pe-ds-010-2010-minam-es-anexo-01"] == ["9"]
    assert out["pe-ds-010-2010-minam-es-art1"] == ["9"]


def test_biological_monitoring_of_effluent_is_monitoring_not_release_control(tagger, dev):
    """Metal and Diamond Mining Effluent Regulations, Schedule 5: the biological monitoring
    studies (fish tissue, Art. 19.1(b)) take 19 and not 9, while the effluent
    characterization that measures mercury in the effluent itself keeps 9 beside 19."""
    out = {o["id"]: o for o in tagger.tag_items(_instrument(dev, "SOR/2002-222"))}
    study = out["ca-sor-2002-222-en-sch5-s9"]
    assert study["articles"] == ["19"] and "19.1.b" in study["obligations"]
    assert "9" in out["ca-sor-2002-222-en-sch5-s4"]["articles"]


def test_formalisation_of_mining_activities_is_artisanal_mining(tag, dev):
    """D.Leg. 1100 (Peru), final provision 5: withholding "formalización de actividades
    mineras" from protected areas governs the formalisation of small-scale mining (7)."""
    item = dev["pe-dleg-1100-2012-es-dc-final-quinta"]
    assert "7" in tag({"id": item["id"], "text": item["text"], "lang": "es"})[0]["articles"]
