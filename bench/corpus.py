"""A deterministic corpus of realistic English news articles, for scale benchmarks and tests.

The corpus is made from a small invented world: a few hundred people with roles in some forty
countries, organisations, and a few thousand dated happenings (visits, summits, elections,
resignations, appointments, agreements, attacks, statistics releases). Each happening is reported by
one to a dozen articles from different publishers, each in its own words, with its own dateline
format (or none), its own way of naming the date ("on Monday", "November 4, 2024", "yesterday"),
background that refers to earlier happenings ("in July", "last year", "two years ago", "in the
fall"), durations and sets ("for three years", "every year"), quotes, statistics and the boilerplate
of news sites (skip links, share buttons, image captions).

    python bench/corpus.py --articles 10000 --out /tmp/corpus --seed 1

writes 00000_<hash>.txt ... (and a few .html and .md files) plus `.corpus.json`, the ground truth:
which happenings each article reports and the date each one took place. The same seed and article
count always give the same bytes.
"""
from __future__ import annotations

import argparse
import hashlib
import html
import json
import random
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

# ── the world's vocabulary: tables, not code ─────────────────────────────────────────────────────

# (country, adjective, capital, other cities). Most names are in builder/data/entities.yml; a few
# cities are not, as in real news.
COUNTRIES = [
    ("Germany", "German", "Berlin", ["Munich", "Hamburg", "Frankfurt", "Cologne", "Leipzig", "Bonn", "Dresden"]),
    ("France", "French", "Paris", ["Lyon", "Marseille", "Strasbourg", "Bordeaux"]),
    ("Poland", "Polish", "Warsaw", ["Krakow", "Gdansk", "Wroclaw"]),
    ("Netherlands", "Dutch", "Amsterdam", ["The Hague", "Rotterdam", "Utrecht"]),
    ("Belgium", "Belgian", "Brussels", ["Antwerp", "Ghent"]),
    ("Italy", "Italian", "Rome", ["Milan", "Naples", "Turin"]),
    ("Spain", "Spanish", "Madrid", ["Barcelona", "Seville", "Valencia"]),
    ("Portugal", "Portuguese", "Lisbon", ["Porto"]),
    ("Norway", "Norwegian", "Oslo", ["Bergen", "Tromso"]),
    ("Sweden", "Swedish", "Stockholm", ["Gothenburg", "Malmo"]),
    ("Finland", "Finnish", "Helsinki", ["Tampere", "Turku"]),
    ("Denmark", "Danish", "Copenhagen", ["Aarhus"]),
    ("Estonia", "Estonian", "Tallinn", ["Tartu", "Narva"]),
    ("Latvia", "Latvian", "Riga", ["Daugavpils"]),
    ("Lithuania", "Lithuanian", "Vilnius", ["Kaunas", "Klaipeda"]),
    ("Ukraine", "Ukrainian", "Kyiv", ["Kharkiv", "Odesa", "Lviv", "Dnipro", "Zaporizhzhia"]),
    ("Romania", "Romanian", "Bucharest", ["Cluj-Napoca", "Constanta"]),
    ("Bulgaria", "Bulgarian", "Sofia", ["Varna", "Plovdiv"]),
    ("Greece", "Greek", "Athens", ["Thessaloniki"]),
    ("Turkey", "Turkish", "Ankara", ["Istanbul", "Izmir"]),
    ("Hungary", "Hungarian", "Budapest", ["Debrecen"]),
    ("Czechia", "Czech", "Prague", ["Brno"]),
    ("Slovakia", "Slovak", "Bratislava", ["Kosice"]),
    ("Austria", "Austrian", "Vienna", ["Salzburg", "Graz"]),
    ("Switzerland", "Swiss", "Bern", ["Geneva", "Zurich"]),
    ("Britain", "British", "London", ["Manchester", "Edinburgh", "Birmingham"]),
    ("Ireland", "Irish", "Dublin", ["Cork"]),
    ("Canada", "Canadian", "Ottawa", ["Toronto", "Montreal", "Vancouver"]),
    ("United States", "American", "Washington", ["New York", "Chicago", "Los Angeles"]),
    ("Japan", "Japanese", "Tokyo", ["Osaka", "Hiroshima"]),
    ("South Korea", "South Korean", "Seoul", ["Busan"]),
    ("India", "Indian", "New Delhi", ["Mumbai", "Bengaluru"]),
    ("Georgia", "Georgian", "Tbilisi", ["Batumi"]),
    ("Moldova", "Moldovan", "Chisinau", ["Balti"]),
    ("Serbia", "Serbian", "Belgrade", ["Novi Sad"]),
    ("Kenya", "Kenyan", "Nairobi", ["Mombasa"]),
    ("Nigeria", "Nigerian", "Abuja", ["Lagos"]),
    ("Brazil", "Brazilian", "Brasilia", ["Sao Paulo", "Rio de Janeiro"]),
    ("Mexico", "Mexican", "Mexico City", ["Guadalajara", "Monterrey"]),
    ("Australia", "Australian", "Canberra", ["Sydney", "Melbourne"]),
    ("Israel", "Israeli", "Jerusalem", ["Tel Aviv", "Haifa"]),
    ("Egypt", "Egyptian", "Cairo", ["Alexandria"]),
]

ORGANISATIONS = [
    ("NATO", "NATO"), ("European Union", "the EU"), ("United Nations", "the UN"), ("G7", "the G7"),
    ("G20", "the G20"), ("OSCE", "the OSCE"), ("African Union", "the African Union"), ("ASEAN", "ASEAN"),
    ("Council of Europe", "the Council of Europe"), ("Nordic Council", "the Nordic Council"),
    ("Arctic Council", "the Arctic Council"), ("World Health Organization", "the WHO"),
    ("International Monetary Fund", "the IMF"), ("World Bank", "the World Bank"),
]

FIRST_NAMES = {
    "he": ["Anders", "Bastian", "Carlos", "Dmitro", "Emil", "Florian", "Gregor", "Hendrik", "Ivan", "Jonas",
           "Karel", "Lukas", "Matteo", "Nikolai", "Oskar", "Pieter", "Rafael", "Stefan", "Tomas", "Viktor",
           "Wojciech", "Yusuf", "Andrius", "Bogdan", "Cedric", "Dario", "Erik", "Fabian", "Georg", "Henrik",
           "Kenji", "Rahul", "Samuel", "Ahmed", "Daniel", "Marcus", "Olumide", "Joao", "Liam", "Patrick"],
    "she": ["Agnieszka", "Birgit", "Carla", "Dagmar", "Elena", "Freya", "Greta", "Hanna", "Ingrid", "Julia",
            "Katarina", "Lena", "Marta", "Nadia", "Olga", "Paula", "Renate", "Sofia", "Tanja", "Ursula",
            "Vera", "Yara", "Annika", "Beatriz", "Clara", "Dorota", "Eva", "Fiona", "Giulia", "Helena",
            "Aiko", "Priya", "Amara", "Leila", "Miriam", "Sinead", "Chloe", "Ewa", "Kaja", "Rosa"],
}
SURNAMES = [
    "Halvorsen", "Kowalczyk", "Brennan", "Okafor", "Lindqvist", "Moreau", "Rossetti", "Vasquez", "Petrenko",
    "Nieminen", "Janssens", "Dimitrov", "Papadakis", "Horvath", "Novak", "Kovacs", "Tamm", "Ozols",
    "Kazlauskas", "Andersen", "Bergstrom", "Castellano", "Dubois", "Esposito", "Fernandes", "Gruber",
    "Hoffmann", "Ionescu", "Jovanovic", "Kuznetsov", "Lehmann", "Marchetti", "Nowicki", "Oliveira",
    "Pellegrini", "Quintero", "Richter", "Szabo", "Thorsen", "Ulrich", "Van Dijk", "Weber", "Yilmaz",
    "Zielinski", "Achterberg", "Bianchi", "Carvalho", "Demir", "Eriksen", "Falk", "Grabowski", "Haas",
    "Iglesias", "Jakobsen", "Kaminski", "Larsen", "Mikkelsen", "Nakamura", "Ortega", "Pavlov", "Rasmussen",
    "Sandoval", "Takahashi", "Urbanski", "Valente", "Wojcik", "Hadid", "Mensah", "Kariuki", "Adeyemi",
    "Sharma", "Tanaka", "Whitfield", "Gallagher", "Ferreira", "Schuster", "Lindgren", "Vogel", "Karlsson",
    "Petrovic", "Molnar", "Sorensen",
]
# People the shipped timelines follow, so that their match rules have work at scale too.
KNOWN_PEOPLE = [
    ("Mark Rutte", "he", "NATO Secretary General", "Netherlands"),
    ("Olaf Scholz", "he", "Chancellor", "Germany"),
    ("Friedrich Merz", "he", "Chancellor", "Germany"),
    ("Jens Stoltenberg", "he", "NATO Secretary General", "Norway"),
    ("Johann Wadephul", "he", "Foreign Minister", "Germany"),
    ("Steffen Hebestreit", "he", "government spokesman", "Germany"),
]
ROLES = ["Prime Minister", "President", "Foreign Minister", "Defence Minister", "Finance Minister",
         "Interior Minister", "Economy Minister", "opposition leader", "central bank governor",
         "Energy Minister", "Trade Minister", "Health Minister", "army chief", "mayor"]
ROLE_WEIGHTS = [4, 3, 5, 5, 3, 2, 2, 3, 1, 2, 2, 1, 1, 1]

TOPICS = ["defence spending", "military aid to Ukraine", "energy security", "migration", "trade tariffs",
          "the war in Ukraine", "Arctic security", "cyber attacks on critical infrastructure", "climate finance",
          "air defence", "the reconstruction of Ukraine", "sanctions against Russia", "food security",
          "semiconductor supply chains", "the eastern flank", "ammunition production", "hybrid threats",
          "refugee support", "grain exports", "nuclear deterrence", "critical raw materials", "rail links"]
AGREEMENTS = ["a defence cooperation agreement", "a free trade deal", "a gas supply contract",
              "a security pact", "a memorandum of understanding on energy", "a joint declaration on migration",
              "a ten-year strategic partnership", "an arms procurement deal", "a border treaty",
              "a climate finance accord"]
POSTS = ["foreign minister", "defence minister", "finance minister", "central bank governor", "army chief",
         "UN envoy", "EU commissioner", "ambassador to NATO", "chief of the defence staff", "interior minister"]
REASONS = ["a scandal over party financing", "losing a confidence vote", "weeks of protests",
           "the collapse of the governing coalition", "health reasons", "a row over the budget",
           "criticism of the handling of the floods", "a dispute over arms exports"]
WEAPONS = ["drone", "missile", "glide bomb", "artillery shell", "ballistic missile"]
INDICATORS = [("inflation", "fell", "rose"), ("unemployment", "fell", "rose"), ("economic growth", "slowed", "picked up"),
              ("defence spending", "dropped", "rose"), ("industrial output", "fell", "grew"),
              ("exports", "fell", "rose")]
AGENCIES = ["AP Photo", "Reuters", "AFP", "dpa/picture alliance", "EPA", "Getty Images", "ANP", "Anadolu"]
PHOTOGRAPHERS = ["Ebrahim Noroozi", "Hendrik Schmidt", "Michael Kappeler", "Kay Nietfeld", "Olivier Matthys",
                 "Virginia Mayo", "Efrem Lukatsky", "Markus Schreiber", "Petr David Josek", "Ludovic Marin"]
QUOTES = [
    "We are ready to take on more responsibility", "This is a decisive moment for our security",
    "Nobody should doubt our determination", "We need to invest more, and faster",
    "Our partnership has never been stronger", "The situation on the ground remains very difficult",
    "We will not be intimidated", "There is no alternative to dialogue", "Every euro counts",
    "We have agreed on the next steps", "I know that it is not always easy for governments",
    "The coming months will be crucial", "We owe this to the next generation",
]

# Publishers: name, domain, URL pattern, how its pages open and close. Invented, so no real outlet
# is quoted saying anything.
PUBLISHERS = [
    ("Rhine Observer", "rhineobserver.de", "https://www.{domain}/en/{slug}/a-{num}"),
    ("Continental Post", "continentalpost.eu", "https://{domain}/{section}/{year}/{month:02d}/{day:02d}/{slug}"),
    ("Meridian News", "meridian-news.com", "https://www.{domain}/{section}/{slug}-{num}"),
    ("The Capital Dispatch", "capitaldispatch.com", "https://www.{domain}/{year}/{month:02d}/{slug}.html"),
    ("Eastbridge Times", "eastbridgetimes.com", "https://eastbridgetimes.com/{section}/{slug}/"),
    ("Global Wire Service", "globalwire.net", "https://www.{domain}/article/{slug}-id{num}"),
    ("Northern Chronicle", "northernchronicle.no", "https://www.{domain}/{section}/{num}/{slug}"),
    ("Baltic Report", "balticreport.ee", "https://{domain}/{year}/{month:02d}/{day:02d}/{slug}/"),
    ("Harbor Herald", "harborherald.com", "https://www.{domain}/news/{section}/{slug}"),
    ("Danube Today", "danubetoday.at", "https://www.{domain}/{section}/{num}-{slug}"),
    ("Atlantic Briefing", "atlanticbriefing.org", "https://{domain}/briefing/{year}/{slug}"),
    ("Defence Monitor", "defencemonitor.co.uk", "https://www.{domain}/{section}/{slug}-{num}.html"),
    ("Policy Ledger", "policyledger.com", "https://www.{domain}/p/{slug}"),
    ("Kyiv Morning", "kyivmorning.ua", "https://{domain}/en/{section}/{num}"),
    ("Iberia Press", "iberiapress.es", "https://www.{domain}/en/{section}/{year}{month:02d}{day:02d}/{slug}"),
    ("Alpine Courier", "alpinecourier.ch", "https://www.{domain}/{section}/{slug}?ref={num}"),
]
SECTIONS = ["world", "europe", "politics", "security", "economy", "business", "news", "international"]
MENU = ["Skip to content", "Skip to main menu", "Skip to search", "Menu", "Search", "Live TV", "Latest audio",
        "Latest videos", "In focus", "Newsletter", "Subscribe", "Sign in", "World", "Europe", "Business",
        "Opinion", "Sport", "Culture"]
SHARE = ["Share", "Share on Facebook", "Share on X", "Share on WhatsApp", "Copy link", "Email", "Print",
         "Send", "Share via email", "Save article"]
FOOTER = ["Advertisement", "Related topics", "Read more", "Most read", "More on this topic", "Sign up for our newsletter",
          "Terms of use", "Privacy policy", "Cookie settings", "Contact us", "All rights reserved."]

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
MONTH_ABBR = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "eleven", "twelve"]
SEASONS = [("spring", (3, 5)), ("summer", (6, 8)), ("fall", (9, 11)), ("autumn", (9, 11))]
YEAR_WEIGHTS = {2015: 1, 2016: 1, 2017: 1, 2018: 1, 2019: 2, 2020: 2, 2021: 3, 2022: 5, 2023: 6, 2024: 8, 2025: 7}
KINDS = ["visit", "summit", "election", "resignation", "appointment", "agreement", "attack", "statistic"]
KIND_WEIGHTS = [6, 2, 2, 2, 2, 3, 2, 2]
DATELINES = ["long", "slash", "header", "day-month", "weekday", "none"]
DATELINE_WEIGHTS = [36, 14, 14, 14, 12, 10]


# ── the world ───────────────────────────────────────────────────────────────────────────────────

@dataclass(frozen=True)
class Country:
    name: str
    adjective: str
    capital: str
    cities: tuple[str, ...]


@dataclass(frozen=True)
class Person:
    name: str
    pronoun: str  # "he" or "she"
    role: str
    country: Country

    @property
    def surname(self) -> str:
        return self.name.split(" ", 1)[1]

    @property
    def possessive(self) -> str:
        return "his" if self.pronoun == "he" else "her"


@dataclass
class Happening:
    """Something that took place on one day, which articles report."""

    id: str
    kind: str
    day: date
    actor: Person
    other: Person
    country: Country  # where it took place
    city: str
    org: tuple[str, str]
    topic: str
    agreement: str
    post: str
    reason: str
    weapon: str
    count: int
    indicator: tuple[str, str, str]
    figures: tuple[float, float]


@dataclass
class World:
    countries: list[Country]
    people: list[Person]
    happenings: list[Happening]


def build_world(rng: random.Random, happenings: int) -> World:
    countries = [Country(n, a, c, tuple(o)) for n, a, c, o in COUNTRIES]
    by_name = {c.name: c for c in countries}
    people = [Person(name, pronoun, role, by_name[country]) for name, pronoun, role, country in KNOWN_PEOPLE]
    seen = {p.name for p in people}
    while len(people) < 320:
        pronoun = rng.choice(["he", "she"])
        name = f"{rng.choice(FIRST_NAMES[pronoun])} {rng.choice(SURNAMES)}"
        if name in seen:
            continue
        seen.add(name)
        people.append(Person(name, pronoun, rng.choices(ROLES, ROLE_WEIGHTS)[0], rng.choice(countries)))
    # a few people are in the news far more than others
    weights = [30 if i < len(KNOWN_PEOPLE) else (6 if i < 40 else 1) for i in range(len(people))]
    years, year_weights = list(YEAR_WEIGHTS), list(YEAR_WEIGHTS.values())
    events = []
    for number in range(happenings):
        year = rng.choices(years, year_weights)[0]
        day = date(year, 1, 1) + timedelta(days=rng.randrange(365))
        actor, other = rng.choices(people, weights, k=2)
        while other is actor:
            other = rng.choice(people)
        country = rng.choice([actor.country, other.country, rng.choice(countries)])
        low = round(rng.uniform(0.4, 6.0), 1)
        events.append(Happening(
            id=f"h{number:05d}", kind=rng.choices(KINDS, KIND_WEIGHTS)[0], day=day, actor=actor, other=other,
            country=country, city=rng.choice([country.capital, country.capital, *country.cities]),
            org=rng.choice(ORGANISATIONS), topic=rng.choice(TOPICS), agreement=rng.choice(AGREEMENTS),
            post=rng.choice(POSTS), reason=rng.choice(REASONS), weapon=rng.choice(WEAPONS),
            count=rng.choice([2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 14, 17, 21, 25, 31]),
            indicator=rng.choice(INDICATORS), figures=(low, round(low + rng.uniform(0.1, 2.5), 1))))
    events.sort(key=lambda h: (h.day, h.id))
    return World(countries, people, events)


# ── how articles name dates ─────────────────────────────────────────────────────────────────────

def long_date(d: date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def number_word(n: int) -> str:
    return NUMBER_WORDS[n] if n < len(NUMBER_WORDS) else str(n)


def season_of(d: date) -> str | None:
    for name, (first, last) in SEASONS[:3]:
        if first <= d.month <= last:
            return name
    return None


def news_day(rng: random.Random, day: date, published: date | None) -> str:
    """The date of an article's own news, as the article names it ('on Monday', 'yesterday', ...)."""
    options = [f"on {long_date(day)}", f"on {day.day} {MONTHS[day.month - 1]} {day.year}"]
    if published is not None:
        delta = (published - day).days
        options.append(f"on {MONTH_ABBR[day.month - 1]} {day.day}")
        if -6 <= delta <= 6:
            options += [f"on {WEEKDAYS[day.weekday()]}"] * 4
        if delta == 0:
            options += ["today", "earlier today", "on " + WEEKDAYS[day.weekday()] + " morning"]
        if delta == 1:
            options += ["yesterday", "late on " + WEEKDAYS[day.weekday()]]
        if delta < -6:
            options += [f"in {MONTHS[day.month - 1]}" if day.year == published.year else f"in {MONTHS[day.month - 1]} {day.year}"]
    else:
        options += [f"on {WEEKDAYS[day.weekday()]}"] * 3  # an article without a date still says "on Monday"
    return rng.choice(options)


def past_phrase(rng: random.Random, day: date, published: date | None) -> str:
    """An earlier date as background names it: every class of expression, relative where it can be."""
    month = MONTHS[day.month - 1]
    options = [f"in {month} {day.year}", f"in {day.year}", f"on {long_date(day)}"]
    season = season_of(day)
    if season:
        options.append(f"in the {season} of {day.year}")
    if published is not None:
        years = published.year - day.year
        if years == 0 and day.month < published.month:
            options += [f"in {month}"] * 2
            if published.month - day.month == 1:
                options.append("last month")
            if season and season_of(published) != season:
                options.append(f"in the {season}")
        if years == 0 and day.month == published.month and day < published:
            options.append("earlier this month")
        if years == 1:
            options += ["last year", f"in {month} last year"]
            if season:
                options.append(f"last {season}")
        if 2 <= years <= 10:
            options.append(f"{number_word(years)} years ago")
    return rng.choice(options)


def duration_phrase(rng: random.Random) -> str:
    n = rng.randint(2, 9)
    return rng.choice([f"for {number_word(n)} years", f"for the past {number_word(n)} months", "over the past decade",
                       "for more than two decades", f"for {number_word(n)} weeks", "for more than a year",
                       f"over the past {number_word(n)} years"])


def set_phrase(rng: random.Random) -> str:
    return rng.choice(["every year", "each spring", "twice a year", "every Monday", "annually", "every four years",
                       "each month", "every summer", "once a week"])


# ── what articles say: several templates per kind of happening ──────────────────────────────────

HEADLINES = {
    "visit": ["{actor_surname} visits {city} for talks with {other_surname}", "{other_surname} welcomes {actor_surname} in {city}",
              "{actor_role} {actor_surname} in {country} for talks on {topic}", "{actor_surname} makes first trip to {country} as {actor_role_lc}"],
    "summit": ["{org_short} leaders meet in {city} amid divisions over {topic}", "{org_short} summit in {city}: what was decided",
               "{actor_surname} calls for unity at {org_short} summit"],
    "election": ["{actor_surname} wins {country_adj} election", "{country} votes: {actor_surname} claims victory",
                 "{country_adj} election: {other_surname} concedes defeat"],
    "resignation": ["{actor_role} {actor_surname} resigns", "{actor_surname} steps down after {reason}",
                    "{country_adj} {actor_role_lc} quits"],
    "appointment": ["{actor_surname} named new {post}", "{country} appoints {actor_surname} as {post}",
                    "Who is {actor}, the new {post}?"],
    "agreement": ["{country} and {other_country} sign {agreement_short}", "{actor_surname} and {other_surname} seal deal in {city}",
                  "{country_adj} deal on {topic} signed"],
    "attack": ["{count} killed in {weapon} attack on {city}", "{weapon_cap} strike hits {city}", "Attack on {city} draws condemnation"],
    "statistic": ["{country_adj} {indicator} {direction} to {figure_high} percent", "{indicator_cap} in {country}: the latest figures",
                  "{country} {indicator} data surprises economists"],
}

LEADS = {
    "visit": [
        "{actor_role} {actor} arrived in {city} {when} for talks with {other_role} {other} on {topic}.",
        "{actor}, the {actor_role_lc}, visited {city} {when}, {actor_pos} first trip to {country} since taking office.",
        "{other_role} {other} welcomed {actor} to {city} {when} for talks focused on {topic}.",
        "{actor} met {other} in {city} {when}, where the two discussed {topic}.",
    ],
    "summit": [
        "Leaders of {org_the} gathered in {city} {when} for a summit dominated by {topic}.",
        "{actor} told reporters at the {org_short} summit in {city} {when} that progress on {topic} was within reach.",
        "The {org_short} summit opened in {city} {when}, with {actor} and {other} expected to clash over {topic}.",
    ],
    "election": [
        "{actor} won {country_pos} presidential election {when}, defeating {other} in a runoff.",
        "Voters in {country} went to the polls {when} in a snap election called by {actor}.",
        "{actor} claimed victory in the parliamentary election in {country} {when}, and {other} conceded defeat.",
    ],
    "resignation": [
        "{actor_role} {actor} resigned {when} after {reason}.",
        "{actor} announced {when} that {actor_pronoun} would step down as {country_adj} {actor_role_lc}.",
        "{country_adj} {actor_role_lc} {actor} stepped down {when}, ending weeks of speculation.",
    ],
    "appointment": [
        "{actor} was appointed {post} {when}, succeeding {other}.",
        "The government in {city} named {actor} as {country_pos} new {post} {when}.",
        "{actor} was sworn in as {post} in {city} {when}.",
    ],
    "agreement": [
        "{country} and {other_country} signed {agreement} in {city} {when}.",
        "{actor} and {other} agreed {when} on {agreement} after talks in {city}.",
        "Officials from {country} and {other_country} signed {agreement} {when}, the culmination of months of negotiations.",
    ],
    "attack": [
        "At least {count} people were killed {when} when a {weapon} struck a residential area of {city}, officials said.",
        "A {weapon} attack on {city} {when} killed {count} people and damaged the power grid, {actor} said.",
        "{actor} condemned the {weapon} attack on {city} {when}, which killed at least {count} civilians.",
    ],
    "statistic": [
        "{country_adj} {indicator} {direction} to {figure_high} percent in {stat_period}, the statistics office said {when}.",
        "The statistics office in {capital} said {when} that {indicator} had {direction} to {figure_high} percent.",
        "New figures published in {capital} {when} showed {indicator} {direction} to {figure_high} percent.",
    ],
}

FOLLOW_UPS = {
    "visit": [
        "It was {actor_pos} first official visit to {country} since becoming {actor_role_lc}.",
        "The two leaders held a joint press conference after the meeting.",
        "{actor_surname} was welcomed with military honours before the talks began.",
        "During the visit, {actor_surname} praised {country_pos} efforts on {topic}.",
        "The talks lasted about two hours, according to {other_surname}'s office.",
    ],
    "summit": [
        "The leaders agreed to meet again next year.",
        "The final declaration committed members to closer cooperation on {topic}.",
        "Protesters gathered outside the venue as the leaders arrived.",
        "{other_surname} left the summit early to return to {other_capital}.",
    ],
    "election": [
        "Turnout was higher than at the previous election, the electoral commission said.",
        "{other_surname} had led in the polls until the final weeks of the campaign.",
        "International observers said the vote was largely free and fair.",
        "{actor_surname} is expected to form a government within weeks.",
    ],
    "resignation": [
        "{actor_surname} had been under pressure for weeks.",
        "{other} will lead the government until a successor is chosen.",
        "The opposition called for early elections after the resignation.",
        "{actor_surname} said {actor_pronoun} was leaving office with a clear conscience.",
    ],
    "appointment": [
        "{actor_surname} previously served as {actor_role_lc}.",
        "The appointment was approved by parliament.",
        "{actor_surname} takes office at a time of rising tension over {topic}.",
        "{other_surname} congratulated {actor_surname} on the appointment.",
    ],
    "agreement": [
        "The agreement still has to be ratified by both parliaments.",
        "{actor_surname} called the deal a milestone for {topic}.",
        "Critics said the agreement did little to address {topic}.",
        "The text of the agreement was published by the foreign ministry in {capital}.",
    ],
    "attack": [
        "Rescue workers searched the rubble through the night.",
        "Air raid sirens sounded across the region for several hours.",
        "The regional governor declared a day of mourning.",
        "{other} said the attack showed the need for more air defence systems.",
    ],
    "statistic": [
        "Economists had expected a smaller change.",
        "The figures were revised from an earlier estimate.",
        "The central bank is due to decide on interest rates next month.",
        "{actor_surname} welcomed the figures as a sign that the government's policy was working.",
    ],
}

# Background recalls an earlier happening of the world, in a sentence of its own kind.
BACKGROUND = {
    "visit": ["{b_actor_surname} visited {b_city} {b_when}.", "{b_actor} last travelled to {b_country} {b_when} for talks with {b_other}.",
              "{b_actor_surname} and {b_other_surname} last met in {b_city} {b_when}."],
    "summit": ["Leaders of {b_org} last met in {b_city} {b_when}.", "At the {b_org_short} summit in {b_city} {b_when}, {b_actor_surname} called for more spending on {b_topic}."],
    "election": ["{b_actor} won the election in {b_country} {b_when}.", "{b_actor_surname} was elected {b_when}, defeating {b_other}."],
    "resignation": ["{b_actor} resigned as {b_role} {b_when} after {b_reason}.", "{b_actor_surname} stepped down {b_when}."],
    "appointment": ["{b_actor} was appointed {b_post} {b_when}.", "{b_actor_surname} became {b_post} {b_when}, succeeding {b_other}."],
    "agreement": ["{b_country} signed {b_agreement} with {b_other_country} {b_when}.", "{b_actor_surname} and {b_other_surname} agreed on {b_agreement} {b_when}."],
    "attack": ["A {b_weapon} attack on {b_city} {b_when} killed {b_count} people.", "{b_city} was hit by a {b_weapon} strike {b_when}."],
    "statistic": ["{b_indicator_cap} in {b_country} stood at {b_figure_low} percent {b_when}.", "{b_indicator_cap} {b_direction} {b_when}, official figures showed."],
}

# Context: no happening of its own, but durations, sets and vague times, as real articles have.
CONTEXT = [
    "{actor} has served as {actor_role_lc} since {actor_since}.",
    "{other_surname} has known {actor_surname} {duration}.",
    "Leaders of {org_the} meet {set_when}.",
    "Talks between the two governments have taken place {set_when} since {old_year}.",
    "{topic_cap} has dominated the political debate in {country} {duration}.",
    "Analysts say {topic} will remain a priority for the government in the coming years.",
    "{country} has increased its spending on {topic} every year since {old_year}.",
    "The issue has strained relations between {country} and {other_country} {duration}.",
    "Diplomats say a decision could come within weeks.",
    "The ministry in {capital} publishes updated figures {set_when}.",
    "Opposition parties have criticised the government's approach to {topic} {duration}.",
    "The region has seen repeated tensions since the end of the Cold War.",
    "Officials said further meetings were planned for later this year.",
    "A spokesperson for {other} declined to comment on the talks.",
]

STATISTICS = [
    "{country_adj} defence spending rose from {figure_low} percent of GDP in {old_year} to {figure_high} percent in {stat_year}.",
    "Some {thousands},000 people took part, according to police estimates.",
    "Trade between the two countries reached {billions} billion euros last year.",
    "The government has pledged to spend {figure_high} percent of its budget on {topic} by {future_year}.",
    "{indicator_cap} averaged {figure_low} percent over the past five years.",
]

SUBHEADINGS = ["{topic_cap} high on the agenda", "What {actor_surname} wants", "Reactions", "Pressure on {other_surname}",
               "What happens next", "Background", "A difficult relationship", "{country} under pressure"]

QUOTE_FORMS = [
    "“{quote},” {speaker} said.",
    "\"{quote},\" {speaker} told reporters.",
    "“{quote}. {quote2},” {speaker} said at the press conference.",
    "{speaker} said: “{quote}.”",
]

CAPTIONS = [
    "{actor} and {other} at a press conference in {city}Image: {photographer}/{agency}",
    "{actor} (left) and {other} in {city}, {country}, {caption_date}.\nImage: {photographer}/{agency}",
    "{actor_surname} speaks to the press in {city}. Photo: {photographer}/{agency}",
    "{other} greets {actor} on arrival (Photo by {photographer}/{agency})",
]


# ── articles ────────────────────────────────────────────────────────────────────────────────────

@dataclass
class Article:
    """One article as its parts; `render` lays them out as a news site's page would read once copied."""

    number: int
    publisher: str
    url: str
    headline: str
    published: date | None  # the date the article states, if any
    header: str | None = None  # a " date 2024-11-04" line some scrapes start with
    menu: list[str] = field(default_factory=list)
    section: str | None = None
    dateline: str | None = None
    standfirst: str | None = None
    show_url: bool = True
    caption: str | None = None
    share: str | None = None
    paragraphs: list[str] = field(default_factory=list)  # body; a line with no final stop is a subheading
    footer: list[str] = field(default_factory=list)
    reports: str = ""  # the happening it is about
    recalls: list[str] = field(default_factory=list)  # earlier happenings its background names
    format: str = "txt"
    name: str = ""
    text: str = ""


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split()[:9])


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _role(person: Person) -> str:
    return _cap(person.role)


def _role_lc(person: Person) -> str:
    """'Prime Minister' → 'prime minister', but 'NATO Secretary General' stays as it is."""
    return person.role if person.role.split()[0].isupper() else person.role.lower()


def _the(country: str) -> str:
    return f"the {country}" if country in ("United States", "Netherlands") else country


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _related(world: World, h: Happening) -> list[Happening]:
    """Earlier happenings that share a person or a country with this one: what background recalls."""
    index = world.__dict__.setdefault("_by_key", {})
    if not index:
        for e in world.happenings:
            for key in {e.actor.name, e.other.name, e.country.name}:
                index.setdefault(key, []).append(e)
    found = {e.id: e for key in (h.actor.name, h.other.name, h.country.name) for e in index.get(key, []) if e.day < h.day}
    return sorted(found.values(), key=lambda e: (e.day, e.id))[-20:]


def _happening_fields(h: Happening, prefix: str = "") -> dict:
    low, high = h.figures
    return {prefix + k: v for k, v in {
        "actor": h.actor.name, "actor_surname": h.actor.surname, "actor_role": _role(h.actor),
        "actor_role_lc": _role_lc(h.actor), "actor_pos": h.actor.possessive, "actor_pronoun": h.actor.pronoun,
        "role": _role_lc(h.actor), "other": h.other.name, "other_surname": h.other.surname, "other_role": _role(h.other),
        "other_capital": h.other.country.capital, "country": _the(h.country.name), "country_adj": h.country.adjective,
        "country_pos": _possessive(_the(h.country.name)), "capital": h.country.capital, "city": h.city,
        "other_country": _the((h.other.country if h.other.country is not h.country else h.actor.country).name),
        "org_short": h.org[0], "org": h.org[1], "org_the": h.org[1] if h.org[0] not in ("G7", "G20") else f"the {h.org[0]}",
        "topic": h.topic, "topic_cap": _cap(h.topic), "agreement": h.agreement,
        "agreement_short": h.agreement.split(" ", 1)[1], "post": h.post, "reason": h.reason, "weapon": h.weapon,
        "weapon_cap": _cap(h.weapon), "count": h.count, "indicator": h.indicator[0], "indicator_cap": _cap(h.indicator[0]),
        "direction": h.indicator[1] if low < 3 else h.indicator[2], "figure_low": low, "figure_high": high,
    }.items()}


def _fields(rng: random.Random, h: Happening, published: date | None) -> dict:
    """Everything a template may name, for one article about one happening."""
    reference = published or h.day
    return {
        **_happening_fields(h),
        "when": news_day(rng, h.day, published),
        "stat_period": MONTHS[(h.day.month - 2) % 12], "stat_year": h.day.year - 1,
        "actor_since": h.day.year - rng.randint(1, 6), "old_year": h.day.year - rng.randint(3, 12),
        "future_year": reference.year + rng.randint(2, 6), "thousands": rng.randint(2, 90), "billions": rng.randint(3, 180),
        "photographer": rng.choice(PHOTOGRAPHERS), "agency": rng.choice(AGENCIES),
        "caption_date": f"{WEEKDAYS[h.day.weekday()]}, {MONTH_ABBR[h.day.month - 1]} {h.day.day}, {h.day.year}",
        "duration": duration_phrase(rng), "set_when": set_phrase(rng),
    }


def _fill(template: str, values: dict) -> str:
    return _cap(template.format(**values))


def _dateline(rng: random.Random, style: str, published: date) -> tuple[str | None, str | None]:
    """(header line before everything, dateline under the headline)."""
    month = MONTHS[published.month - 1]
    if style == "long":
        return None, rng.choice([long_date(published), f"{long_date(published)} at {rng.randint(1, 11)}:{rng.randint(0, 59):02d} p.m. ET"])
    if style == "slash":
        return None, f"{published.month:02d}/{published.day:02d}/{published.year}"
    if style == "header":
        return f" date {published.isoformat()}", None
    if style == "day-month":
        return None, rng.choice([f"{published.day} {month} {published.year}",
                                 f"Published {published.day} {month} {published.year}, {rng.randint(6, 22):02d}:{rng.randint(0, 59):02d} CET"])
    if style == "weekday":
        return None, f"{WEEKDAYS[published.weekday()]}, {month} {published.day}, {published.year}"
    return None, None


def _url(rng: random.Random, publisher: tuple, headline: str, published: date, number: int) -> str:
    return publisher[2].format(domain=publisher[1], slug=_slug(headline), num=70_000_000 + number * 7 + rng.randint(0, 6),
                               section=rng.choice(SECTIONS), year=published.year, month=published.month, day=published.day)


def _future(sentence: str) -> str:
    """A lead turned into a preview of a planned happening."""
    for past, future in (("arrived in", "will arrive in"), ("visited", "will visit"), ("met ", "will meet "),
                         ("welcomed", "will welcome"), ("gathered", "will gather"), ("signed", "are due to sign"),
                         ("opened", "opens"), ("resigned", "is expected to resign"), ("was appointed", "is to be appointed"),
                         ("was sworn in", "will be sworn in"), ("went to the polls", "go to the polls"),
                         ("agreed", "are expected to agree"), ("named", "is expected to name"), ("won", "is expected to win"),
                         ("announced", "is expected to announce"), ("stepped down", "will step down")):
        if past in sentence:
            return sentence.replace(past, future, 1)
    return sentence


def write_article(rng: random.Random, world: World, number: int, h: Happening) -> Article:
    """One article reporting `h`, in one publisher's layout, with background from the world."""
    publisher = rng.choice(PUBLISHERS)
    offset = rng.choices([0, 1, 2, 3, 5, -2, -5, -12], [40, 28, 8, 5, 4, 6, 5, 4])[0]
    published = h.day + timedelta(days=offset)
    style = rng.choices(DATELINES, DATELINE_WEIGHTS)[0]
    stated = None if style == "none" else published
    values = _fields(rng, h, stated)
    headline = _fill(rng.choice(HEADLINES[h.kind]), values)
    header, dateline = _dateline(rng, style, published)
    article = Article(number, publisher[0], _url(rng, publisher, headline, published, number), headline, stated,
                      header=header, dateline=dateline, reports=h.id)
    article.menu = [f"  {i}. {item}" if rng.random() < 0.5 else item
                    for i, item in enumerate(rng.sample(MENU, rng.randint(0, 5)), start=1)]
    if rng.random() < 0.4:
        article.section = rng.choice(SECTIONS).capitalize() + rng.choice(["", "Europe", " | World"])
    follow_ups = rng.sample(FOLLOW_UPS[h.kind], len(FOLLOW_UPS[h.kind]))
    context = rng.sample(CONTEXT, len(CONTEXT))
    if rng.random() < 0.5:
        article.standfirst = _fill(follow_ups.pop(), values) + " " + _fill(context.pop(), values)
    article.show_url = rng.random() < 0.7
    if rng.random() < 0.6:
        article.caption = _fill(rng.choice(CAPTIONS), values)
    if rng.random() < 0.3:
        article.share = " ".join(rng.sample(SHARE, 3))

    lead = _fill(rng.choice(LEADS[h.kind]), values)
    if offset < 0:
        lead = _future(lead)
    paragraphs = [lead + " " + _fill(follow_ups.pop(), values)]
    earlier = _related(world, h)
    for _ in range(rng.randint(10, 18)):
        roll = rng.random()
        if roll < 0.2 and follow_ups:
            paragraphs.append(" ".join(_fill(follow_ups.pop(), values) for _ in range(min(2, len(follow_ups)))))
        elif roll < 0.5 and earlier:
            sentences = []
            for _ in range(rng.randint(1, 2)):
                b = rng.choice(earlier)
                if b.id in article.recalls:
                    continue
                article.recalls.append(b.id)
                b_values = {**_happening_fields(b, "b_"), "b_when": past_phrase(rng, b.day, stated)}
                sentences.append(_fill(rng.choice(BACKGROUND[b.kind]), b_values))
            if context:
                sentences.append(_fill(context.pop(), {**values, "duration": duration_phrase(rng), "set_when": set_phrase(rng)}))
            paragraphs.append(" ".join(sentences))
        elif roll < 0.7 and context:
            paragraphs.append(" ".join(_fill(context.pop(), values) for _ in range(min(len(context), rng.randint(1, 3)))))
        elif roll < 0.88:
            speaker = rng.choice([h.actor.surname, h.other.surname, f"the {_role_lc(h.actor)}"])
            quote, quote2 = rng.sample(QUOTES, 2)
            paragraphs.append(_fill(rng.choice(QUOTE_FORMS), {"quote": quote, "quote2": quote2, "speaker": speaker}))
        else:
            paragraphs.append(_fill(rng.choice(STATISTICS), values))
        if rng.random() < 0.12:
            paragraphs.append(_fill(rng.choice(SUBHEADINGS), values))
    article.paragraphs = paragraphs
    if rng.random() < 0.6:
        article.footer = [rng.choice(SHARE), "  ".join(rng.sample(FOOTER, rng.randint(1, 4)))]
    if rng.random() < 0.2:
        article.footer.append(f"© {published.year} {publisher[0]}")
    article.recalls = sorted(set(article.recalls))
    return article


def as_text(a: Article) -> str:
    """The page as text copied from a browser: menus, dateline, captions and share buttons included."""
    lines: list[str] = []
    menu = list(a.menu)
    if a.header:
        lines.append(a.header + "   " + (menu.pop(0) if menu else ""))
    lines += menu
    if a.section:
        lines.append(a.section)
    lines += ["", a.headline, ""]
    if a.dateline:
        lines += [a.dateline, ""]
    if a.standfirst:
        lines += [a.standfirst, ""]
    if a.show_url:
        lines.append(a.url)
    if a.caption:
        lines += [a.caption, ""]
    if a.share:
        lines += [a.share, ""]
    lines += "\n\n".join(a.paragraphs).split("\n")
    if a.footer:
        lines += [""] + a.footer
    return "\n".join(lines).strip("\n") + "\n"


def as_html(a: Article, rng: random.Random) -> str:
    """The page as saved from a browser: the article inside navigation, asides and a footer."""
    e = html.escape
    published = (f'<meta property="article:published_time" content="{a.published.isoformat()}T{rng.randint(5, 21):02d}:'
                 f'{rng.randint(0, 59):02d}:00Z">\n') if a.published else ""
    body = "\n".join(f"<h2>{e(p)}</h2>" if not p.rstrip().endswith((".", "”", "\"")) else f"<p>{e(p)}</p>" for p in a.paragraphs)
    figure = f"<figure><img src=\"/img/{a.number}.jpg\" alt=\"\"><figcaption>{e(a.caption)}</figcaption></figure>\n" if a.caption else ""
    dateline = f"<time>{e(a.dateline)}</time>\n" if a.dateline else ""
    standfirst = f"<p class=\"standfirst\"><strong>{e(a.standfirst)}</strong></p>\n" if a.standfirst else ""
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
            f"<title>{e(a.headline)} | {e(a.publisher)}</title>\n<link rel=\"canonical\" href=\"{e(a.url)}\">\n{published}"
            f"<meta property=\"og:title\" content=\"{e(a.headline)}\">\n<meta property=\"og:site_name\" content=\"{e(a.publisher)}\">\n"
            f"</head><body>\n<header><nav><a href=\"#main\">Skip to content</a><ul>"
            + "".join(f"<li><a href=\"/{s}\">{s.capitalize()}</a></li>" for s in SECTIONS[:5]) +
            f"</ul></nav></header>\n<main id=\"main\"><article>\n<h1>{e(a.headline)}</h1>\n{dateline}{standfirst}{figure}{body}\n"
            f"<div class=\"share\">{' '.join(f'<button>{s}</button>' for s in SHARE[:4])}</div>\n</article>\n"
            f"<aside><h2>Most read</h2><ul><li><a href=\"/more/1\">Another story</a></li><li><a href=\"/more/2\">And another</a></li></ul></aside>\n"
            f"</main>\n<footer><p>© {e(a.publisher)}. All rights reserved.</p></footer>\n</body></html>\n")


def as_markdown(a: Article) -> str:
    """The article as a Markdown note: heading, byline, body."""
    byline = f"*{a.publisher}, {long_date(a.published)}*" if a.published else f"*{a.publisher}*"
    body = "\n\n".join(f"## {p}" if not p.rstrip().endswith((".", "”", "\"")) else p for p in a.paragraphs)
    caption = f"![{a.caption.splitlines()[0]}](img/{a.number}.jpg)\n\n" if a.caption else ""
    return f"# {a.headline}\n\n{byline}\n\n{caption}{body}\n\n<{a.url}>\n"


def generate(articles: int, seed: int = 1) -> tuple[list[Article], World]:
    """`articles` articles; most happenings are told by several of them, a few by a dozen."""
    rng = random.Random(seed)
    world = build_world(random.Random(f"world-{seed}"), max(1, articles * 2 // 5))
    weights = [rng.paretovariate(1.6) for _ in world.happenings]
    chosen = rng.choices(world.happenings, weights, k=articles)
    out: list[Article] = []
    for number, h in enumerate(chosen):
        roll = rng.random()
        if out and roll < 0.01 and out[-1].format == "txt":
            # an updated version of the previous article: same URL, a correction appended
            base = out[-1]
            article = Article(number, base.publisher, base.url, base.headline, base.published, reports=base.reports,
                              recalls=base.recalls, text=base.text + f"\nCorrection: an earlier version of this article misspelled a name.\n")
        else:
            article = write_article(rng, world, number, h)
            article.format = "html" if roll < 0.04 else ("md" if roll < 0.07 else "txt")
            article.text = (as_html(article, rng) if article.format == "html" else
                            as_markdown(article) if article.format == "md" else as_text(article))
        article.name = f"{number:05d}_{hashlib.sha256(article.text.encode()).hexdigest()[:12]}.{article.format}"
        out.append(article)
    return out, world


def write_corpus(directory: Path, articles: int, seed: int = 1) -> list[Article]:
    """Write the articles and `.corpus.json` (the ground truth) into `directory`."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    generated, world = generate(articles, seed)
    for article in generated:
        (directory / article.name).write_text(article.text, encoding="utf-8")
    told = {a.reports for a in generated} | {r for a in generated for r in a.recalls}
    truth = {
        "seed": seed,
        "articles": {a.name: {"reports": a.reports, "recalls": a.recalls,
                              "published": a.published.isoformat() if a.published else None,
                              "url": a.url, "publisher": a.publisher} for a in generated},
        "happenings": {h.id: {"kind": h.kind, "date": h.day.isoformat(), "actors": [h.actor.name, h.other.name],
                              "place": h.city, "country": h.country.name} for h in world.happenings if h.id in told},
    }
    (directory / ".corpus.json").write_text(json.dumps(truth, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return generated


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="how many articles (default 1000)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write them into")
    parser.add_argument("--seed", type=int, default=1, help="same seed, same corpus (default 1)")
    args = parser.parse_args(argv)
    generated = write_corpus(args.out, args.articles, args.seed)
    size = sum(len(a.text.encode()) for a in generated)
    formats: dict[str, int] = {}
    for a in generated:
        formats[a.format] = formats.get(a.format, 0) + 1
    print(f"corpus: {len(generated)} articles ({', '.join(f'{n} .{k}' for k, n in sorted(formats.items()))}), "
          f"{size / 1e6:.1f} MB, {len({a.reports for a in generated})} happenings reported, into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
