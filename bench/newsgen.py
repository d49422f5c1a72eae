"""A generated news corpus for benchmarks: conflict reports written from templates in this file.

Every sentence below was written for tollbook; places are real towns so that the
place index has work to do. Seeded, so the same ``n`` always gives the same corpus.
"""
from __future__ import annotations

import datetime as dt
import json
import random

PLACES = [
    ("GAO", "Gao", "Mali", "Malian"), ("MOPTI", "Bandiagara", "Mali", "Malian"),
    ("MOGADISHU", "Baidoa", "Somalia", "Somali"), ("MOGADISHU", "Mogadishu", "Somalia", "Somali"),
    ("MAIDUGURI", "Konduga", "Nigeria", "Nigerian"), ("ABUJA", "Zamfara state", "Nigeria", "Nigerian"),
    ("BEIRUT", "Idlib", "Syria", "Syrian"), ("KYIV", "Kharkiv", "Ukraine", "Ukrainian"),
    ("ADEN", "Taiz", "Yemen", "Yemeni"), ("KABUL", "Kunduz", "Afghanistan", "Afghan"),
    ("GOMA", "Beni", "Democratic Republic of Congo", "Congolese"), ("OUAGADOUGOU", "Djibo", "Burkina Faso", "Burkinabe"),
]
ATTACKS = [
    ("Unidentified gunmen", "attacked a market in"), ("Suspected jihadists", "raided a village near"),
    ("Armed men on motorbikes", "stormed a checkpoint in"), ("Militants", "ambushed a convoy outside"),
]
BLASTS = ["A car bomb exploded at a bus station in", "A roadside bomb struck a minibus near",
          "An air strike hit a residential building in", "Shelling hit a crowded neighbourhood of"]
VICTIMS = ["civilians", "villagers", "soldiers", "police officers", "people", "traders"]
NUMBERS = ["two", "three", "four", "five", "seven", "nine", "11", "12", "at least 14", "more than 20", "about 30",
           "dozens of"]
SOURCES = ["a local official said", "police said", "the army said in a statement", "a hospital doctor said",
           "residents told reporters", "the health ministry said"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
AFTERMATH = [
    "No group has claimed responsibility for the attack.",
    "Security forces were sent to the area and a curfew was declared.",
    "Witnesses said the attackers fled before reinforcements arrived.",
    "The wounded were taken to the regional hospital, where several were in critical condition.",
    "Local leaders called on the government to do more to protect the population.",
]
CONTEXT = [
    "The attack was the deadliest in the area since the start of the year. Residents said the town had been "
    "calm for several weeks, and that many families had only recently returned after fleeing earlier fighting.",
    "A spokesman for the regional governor said an investigation had been opened and promised that those "
    "responsible would be found. He gave no further details about the attackers or their motives.",
    "Aid groups said access to the area remained difficult because of damaged roads and insecurity, and warned "
    "that food prices in local markets had doubled since the summer.",
    "Opposition politicians criticised the government's response, saying that promises of more troops for the "
    "region had not been kept. The defence ministry did not respond to a request for comment.",
    "Mobile phone networks in the district were cut for several hours after the attack, making it hard to "
    "confirm details. Some residents said they had heard gunfire well into the night.",
]
BACKGROUND = [
    "The violence in {country} has killed more than {total} people since {year}, according to monitors.",
    "Attacks in the region have forced thousands of families from their homes this year.",
    "{adjective} authorities have struggled to contain armed groups operating in rural areas.",
]


def article(index: int, rng: random.Random) -> dict:
    dateline, place, country, adjective = rng.choice(PLACES)
    published = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(330))
    day = rng.choice(WEEKDAYS)
    killed, wounded = rng.choice(NUMBERS), rng.choice(NUMBERS[:8])
    victims, source = rng.choice(VICTIMS), rng.choice(SOURCES)
    if rng.random() < 0.6:
        actor, verb = rng.choice(ATTACKS)
        lead = f"{dateline} — {actor} {verb} {place}, {country} on {day}, killing {killed} {victims}, {source}."
        title = f"{actor} kill {killed} in {place}"
    else:
        lead = f"{dateline} — {rng.choice(BLASTS)} {place} on {day}, killing {killed} {victims} and wounding " \
               f"{wounded} others, {source}."
        title = f"Blast kills {killed} in {place}"
    paragraphs = [title, lead] + rng.sample(AFTERMATH, k=2) + rng.sample(CONTEXT, k=3)
    paragraphs.append(rng.choice(BACKGROUND).format(country=country, adjective=adjective,
                                                    total=rng.choice(["5,000", "10,000", "20,000"]),
                                                    year=rng.choice(["2012", "2015", "2019"])))
    return {"id": f"gen{index:05d}", "url": f"https://example-news.org/{published:%Y/%m/%d}/story-{index}",
            "published": published.isoformat(), "title": title, "text": "\n\n".join(paragraphs)}


def corpus(n: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    return [article(i, rng) for i in range(n)]


def write_jsonl(path, n: int) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for record in corpus(n):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def write_warc(path, n: int) -> None:
    """The corpus as web pages in a WARC file (request/response pairs, like Common Crawl News)."""
    from tests.warcfiles import Capture, news_page, write_warc as write_captures
    write_captures(path, [Capture(d["url"], news_page(d["title"], d["text"], published=d["published"]))
                          for d in corpus(n)])


def main() -> None:
    import argparse
    parser = argparse.ArgumentParser(description="Write a generated news corpus (.jsonl, or .warc/.warc.gz).")
    parser.add_argument("path")
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args()
    writer = write_warc if ".warc" in args.path.lower() else write_jsonl
    writer(args.path, args.articles)


if __name__ == "__main__":
    main()
