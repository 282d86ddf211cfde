#!/usr/bin/env python3
"""Writes relance's sample portfolio (examples/portfolio/), as of 2026-03-31.

A small, realistic book of receivables that `scripts/demo` imports into the
ledger and runs collection on: about 40 customers in France, Germany and the
United Kingdom, about 300 invoices issued from 2025-10-01 to 2026-03-25, the
payments received up to 2026-03-31 and a few collection events (disputes,
promises to pay, a payment plan, a block, an agency hand-off). See README.md
for the files and their columns.

Deterministic: the customers and the scripted stories are written out below,
everything else is drawn from random.Random(SEED) through `random()` alone
(the Mersenne Twister's stream is the same on every Python 3), so running

    python3 examples/portfolio/make_sample.py

rewrites customers.csv, invoices.csv, payments.csv and events.jsonl byte for
byte. `--check` only checks that the committed files are what it would write
(exit status 1 otherwise); `--stats` prints the ageing as of 2026-03-31.

Python 3 standard library only. Before writing, the generator checks its
own output (assertions): due dates computed from the terms, no payment before
its invoice or after the as-of date, no invoice paid beyond its amount
(credits of upheld disputes included), events dated after the invoices they
name and in their currency, and the spread of the ageing it was written for.
"""

import csv
import datetime as dt
import io
import json
import math
import os
import random
import sys

SEED = 20260331
AS_OF = dt.date(2026, 3, 31)
FIRST_ISSUE = dt.date(2025, 10, 1)
LAST_ISSUE = dt.date(2026, 3, 25)
HERE = os.path.dirname(os.path.abspath(__file__))

# --- Customers ----------------------------------------------------------------
# (id, name, country, payer profile). The profile drives the simulation only;
# it is not written (customers.csv leaves `segment` empty: the policies decide
# from the history). Profiles:
#   reliable  pays a few days before or on the due date
#   normal    pays up to about two weeks late
#   slow      pays two to seven weeks late
#   chronic   pays one to four months late, sometimes in part
#   stopped   stopped paying in the autumn (the agency case)
CUSTOMERS = [
    ("C-1001", "Dupont, Fils & Cie", "FR", "normal"),
    ("C-1002", "Boulangerie Martin SARL", "FR", "reliable"),
    ("C-1003", "Transports Bernard SAS", "FR", "slow"),
    ("C-1004", "Garage Petit & Associés", "FR", "normal"),
    ("C-1005", "Menuiserie Durand", "FR", "slow"),
    ("C-1006", "Leroy Bâtiment SAS", "FR", "normal"),
    ("C-1007", "Moreau Distribution", "FR", "chronic"),
    ("C-1008", "Cabinet Simon, Avocats", "FR", "reliable"),
    ("C-1009", "Laurent Électricité", "FR", "normal"),
    ("C-1010", "Imprimerie Lefèvre", "FR", "normal"),
    ("C-1011", "Michel Frères SA", "FR", "slow"),
    ("C-1012", "Pharmacie Garcia", "FR", "reliable"),
    ("C-1013", "Hôtel du Lac, David SARL", "FR", "normal"),
    ("C-1014", "Bertrand Agro SA", "FR", "normal"),
    ("C-1015", "Roux Informatique", "FR", "chronic"),
    ("C-1016", "Vincent & Fournier", "FR", "normal"),
    ("C-1017", "Atelier Morel", "FR", "stopped"),
    ("C-1018", "Girard Logistique SAS", "FR", "slow"),
    ("C-2001", "Müller Maschinenbau GmbH", "DE", "reliable"),
    ("C-2002", "Schmidt & Söhne KG", "DE", "normal"),
    ("C-2003", "Schneider Elektrotechnik GmbH", "DE", "normal"),
    ("C-2004", "Fischer Logistik AG", "DE", "slow"),
    ("C-2005", "Weber Bau GmbH", "DE", "slow"),
    ("C-2006", "Meyer, Wagner & Partner", "DE", "normal"),
    ("C-2007", "Becker Druckerei e.K.", "DE", "normal"),
    ("C-2008", "Hoffmann Lebensmittel GmbH", "DE", "normal"),
    ("C-2009", "Schulz IT-Service GmbH", "DE", "chronic"),
    ("C-2010", "Koch Metallbau GmbH", "DE", "normal"),
    ("C-3001", "Smith & Sons Ltd", "GB", "reliable"),
    ("C-3002", "Jones Haulage Ltd", "GB", "normal"),
    ("C-3003", "Taylor, Brown & Co", "GB", "slow"),
    ("C-3004", "Williams Catering Ltd", "GB", "normal"),
    ("C-3005", "Davies Engineering plc", "GB", "normal"),
    ("C-3006", "Evans Print Ltd", "GB", "normal"),
    ("C-3007", "Thomas Joinery Ltd", "GB", "slow"),
    ("C-3008", "Roberts Logistics Ltd", "GB", "chronic"),
    ("C-3009", "Wilson Consulting LLP", "GB", "normal"),
    ("C-3010", "Johnson Timber Ltd", "GB", "normal"),
    ("C-3011", "Wright & Wright Solicitors", "GB", "reliable"),
    ("C-3012", "Walker Electrical Ltd", "GB", "slow"),
]
# Each customer's postal address, as its letters print it (customers.csv's
# `address`, one line each). The creditor writes from France: an address
# abroad ends with the country, in French, as La Poste asks. Left empty for
# the customers whose e-invoices (examples/einvoices/) give their address:
# the import takes it from the buyer's (BG-8).
ADDRESSES = {
    "C-1001": [],  # from FX-2026-0001.xml
    "C-1002": ["3 place Grandclément", "69100 Villeurbanne"],
    "C-1003": [],  # from FX-2026-0002.xml
    "C-1004": ["17 avenue Berthelot", "69007 Lyon"],
    "C-1005": ["Lieu-dit Les Granges", "69510 Thurins"],
    "C-1006": ["5 rue de l'Industrie", "ZA du Parc", "69800 Saint-Priest"],
    "C-1007": ["122 route de Vienne", "69008 Lyon"],
    "C-1008": ["9 quai Jean Moulin", "69001 Lyon"],
    "C-1009": ["31 rue Paul Bert", "69003 Lyon"],
    "C-1010": ["4 impasse des Imprimeurs", "42000 Saint-Étienne"],
    "C-1011": ["BP 207", "38200 Vienne"],
    "C-1012": ["1 place de la République", "01000 Bourg-en-Bresse"],
    "C-1013": ["Hôtel du Lac", "12 promenade du Lac", "74000 Annecy"],
    "C-1014": ["Route de Mâcon", "71000 Charnay-lès-Mâcon"],
    "C-1015": ["45 boulevard Vivier-Merle", "69003 Lyon"],
    "C-1016": ["8 rue Mercière", "69002 Lyon"],
    "C-1017": ["2 chemin du Moulin", "69290 Craponne"],
    "C-1018": ["ZI Nord, 14 rue des Frères Lumière", "69740 Genas"],
    "C-2001": ["Maschinenstraße 12", "73037 Göppingen", "ALLEMAGNE"],
    "C-2002": ["Hauptstraße 5", "69117 Heidelberg", "ALLEMAGNE"],
    "C-2003": [],  # from FX-2026-0003.xml
    "C-2004": ["Hafenstraße 88", "20457 Hamburg", "ALLEMAGNE"],
    "C-2005": ["Am Bauhof 3", "80939 München", "ALLEMAGNE"],
    "C-2006": ["Königsallee 60", "40212 Düsseldorf", "ALLEMAGNE"],
    "C-2007": ["Gutenbergplatz 2", "55116 Mainz", "ALLEMAGNE"],
    "C-2008": ["Marktweg 17", "50667 Köln", "ALLEMAGNE"],
    "C-2009": ["Technologiepark 9", "33100 Paderborn", "ALLEMAGNE"],
    "C-2010": ["Eisenwerkstraße 4", "44147 Dortmund", "ALLEMAGNE"],
    "C-3001": ["14 Wharf Road", "LONDON", "N1 7GR", "ROYAUME-UNI"],
    "C-3002": ["Unit 6, Canal Side", "LEEDS", "LS11 5QR", "ROYAUME-UNI"],
    "C-3003": ["27 King Street", "MANCHESTER", "M2 4LQ", "ROYAUME-UNI"],
    "C-3004": ["3 Market Place", "YORK", "YO1 8SS", "ROYAUME-UNI"],
    "C-3005": ["Davies House, Dock Road", "CARDIFF", "CF10 5AL",
               "ROYAUME-UNI"],
    "C-3006": ["81 Printers Lane", "BRISTOL", "BS1 6QP", "ROYAUME-UNI"],
    "C-3007": ["The Old Mill", "Station Road", "NORWICH", "NR1 1EF",
               "ROYAUME-UNI"],
    "C-3008": ["Freight Park, Hall Lane", "BIRMINGHAM", "B24 9QJ",
               "ROYAUME-UNI"],
    "C-3009": ["40 George Street", "EDINBURGH", "EH2 2LE", "ROYAUME-UNI"],
    "C-3010": ["Timber Yard, Quay Street", "GLASGOW", "G3 8SN",
               "ROYAUME-UNI"],
    "C-3011": ["2 Temple Row", "BIRMINGHAM", "B2 5JR", "ROYAUME-UNI"],
    "C-3012": ["19 Volt Avenue", "NEWCASTLE UPON TYNE", "NE1 4XF",
               "ROYAUME-UNI"],
}
LANGUAGE = {"FR": "fr", "DE": "de", "GB": "en"}
CURRENCY = {"FR": "EUR", "DE": "EUR", "GB": "GBP"}

# Payment terms per country, each with its weight; None: an explicit due date.
# Every text is one relance's PaymentTerms::Parse reads (docs/terms.md):
# "30D", "60D" and "CM+45D" are date formulas, "30D+CM" is 30 days then the
# end of the month, "net 30" is the phrase for 30D.
TERMS = {
    "FR": [("30D", 5), ("60D", 2), ("CM+45D", 2), ("30D+CM", 2), (None, 2)],
    "DE": [("30D", 5), ("net 30", 3), ("60D", 1), (None, 2)],
    "GB": [("net 30", 6), ("30D", 2), ("30D+CM", 1), (None, 2)],
}

# How many invoices (low, high) a customer gets over the six months, by
# profile, before the scripted stories add theirs.
INVOICES = {"reliable": (5, 9), "normal": (6, 9), "slow": (5, 9),
            "chronic": (5, 8), "stopped": (0, 0)}


class Rng:
    """random.Random, used only through random() (stable across versions)."""

    def __init__(self, seed):
        self._random = random.Random(seed)

    def uniform(self):
        return self._random.random()

    def below(self, n):
        return min(int(self.uniform() * n), n - 1)

    def between(self, low, high):  # inclusive
        return low + self.below(high - low + 1)

    def weighted(self, choices):
        total = sum(weight for _, weight in choices)
        pick = self.uniform() * total
        for value, weight in choices:
            pick -= weight
            if pick < 0:
                return value
        return choices[-1][0]

    def amount_cents(self, low, high):
        """A log-uniform amount in [low, high] major units, in cents."""
        value = math.exp(math.log(low) + self.uniform() *
                         (math.log(high) - math.log(low)))
        # Round to a price-like figure: whole units above 1000, cents below.
        cents = int(round(value * 100))
        if value >= 1000:
            cents = cents // 1000 * 1000
        return max(cents, low * 100)


def end_of_month(day):
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def due_date(issue, terms):
    """The due date relance computes for these terms (no business-day
    adjustment): steps applied left to right."""
    if terms in ("30D", "net 30"):
        return issue + dt.timedelta(days=30)
    if terms == "60D":
        return issue + dt.timedelta(days=60)
    if terms == "CM+45D":
        return end_of_month(issue) + dt.timedelta(days=45)
    if terms == "30D+CM":
        return end_of_month(issue + dt.timedelta(days=30))
    raise ValueError(terms)


def money(cents):
    assert cents >= 0
    return "%d.%02d" % (cents // 100, cents % 100)


class Invoice:
    def __init__(self, customer, issue, cents, terms=None, due=None):
        self.id = None  # numbered once all are known
        self.customer = customer
        self.issue = issue
        self.cents = cents
        self.terms = terms
        self.explicit_due = due
        self.due = due if due is not None else due_date(issue, terms)
        self.payments = []  # (date, cents)
        self.credits = 0  # cents credited by an upheld dispute
        self.scripted = False

    @property
    def currency(self):
        return CURRENCY[self.customer[2]]

    def paid(self, until=AS_OF):
        return sum(c for d, c in self.payments if d <= until)

    def outstanding(self, until=AS_OF):
        return self.cents - self.credits - self.paid(until)


def draw_terms(rng, country, issue):
    terms = rng.weighted(TERMS[country])
    if terms is not None:
        return terms, None
    # An explicit due date: 14, 21 or 45 days, or the end of next month.
    kind = rng.below(4)
    if kind == 3:
        return None, end_of_month(end_of_month(issue) + dt.timedelta(days=1))
    return None, issue + dt.timedelta(days=(14, 21, 45)[kind])


def next_run(day, months=0):
    """The supplier payment run after `day`: the 10th of the following month
    (or of the month `months` later)."""
    first = end_of_month(day) + dt.timedelta(days=1)
    for _ in range(months):
        first = end_of_month(first) + dt.timedelta(days=1)
    return first.replace(day=10)


def next_half_month_run(day):
    """A twice-monthly payment run after `day`: the 10th or the 25th."""
    if day.day < 10:
        return day.replace(day=10)
    if day.day < 25:
        return day.replace(day=25)
    return next_run(day)


def payment_date(rng, profile, due):
    """When a customer of this profile pays an invoice due on `due`.
    Many businesses pay in a monthly run (the 10th), hence the late payers
    of the month: invoices due in March are paid on April 10."""
    days = dt.timedelta
    if profile == "reliable":
        return due + days(rng.between(-6, 1))
    if profile == "normal":
        return rng.weighted([(due + days(rng.between(-3, 3)), 3),
                             (next_half_month_run(due) +
                              days(rng.between(0, 3)), 3),
                             (next_run(due) + days(rng.between(0, 4)), 3),
                             (due + days(rng.between(20, 40)), 1)])
    if profile == "slow":
        return rng.weighted([(next_run(due) + days(rng.between(0, 6)), 2),
                             (next_run(due, 1) + days(rng.between(0, 6)), 3)])
    if profile == "chronic":
        return due + days(rng.weighted([(rng.between(25, 70), 4),
                                        (rng.between(71, 130), 3),
                                        (365, 2)]))  # not paid yet
    raise ValueError(profile)


def simulate(rng, customer):
    """Random invoices and payments of one customer."""
    _, _, country, profile = customer
    count_low, count_high = INVOICES[profile]
    invoices = []
    if count_high == 0:
        return invoices
    # The customer's usual range of invoice amounts (major units).
    size = rng.weighted([((85, 1500), 3), ((300, 6000), 4),
                         ((1000, 20000), 2), ((4000, 48000), 1)])
    count = rng.between(count_low, count_high)
    span = (LAST_ISSUE - FIRST_ISSUE).days
    for _ in range(count):
        issue = FIRST_ISSUE + dt.timedelta(days=rng.below(span + 1))
        terms, due = draw_terms(rng, country, issue)
        invoice = Invoice(customer, issue, rng.amount_cents(*size), terms, due)
        pay = payment_date(rng, profile, invoice.due)
        pay = max(pay, invoice.issue + dt.timedelta(days=1))
        if pay <= AS_OF:
            if rng.below(10) == 0 and invoice.cents >= 50000:
                # Paid in two instalments, the first two weeks earlier.
                first = max(invoice.issue, pay - dt.timedelta(days=14))
                part = invoice.cents * rng.between(30, 60) // 100
                invoice.payments += [(first, part), (pay, invoice.cents - part)]
            else:
                invoice.payments.append((pay, invoice.cents))
        elif profile in ("slow", "chronic") and invoice.due < AS_OF and \
                rng.below(4) == 0:
            # Not settled yet, but something was paid on account.
            on_account = invoice.due + dt.timedelta(days=rng.between(3, 20))
            if on_account <= AS_OF:
                invoice.payments.append(
                    (on_account, invoice.cents * rng.between(20, 50) // 100))
        invoices.append(invoice)
    return invoices


# --- The scripted stories -------------------------------------------------------
# Each returns its invoices (payments included) and its events; an event is
# (date, customer, fields) with invoices named by their Invoice objects until
# the ids are known.


def customer(id_):
    return next(c for c in CUSTOMERS if c[0] == id_)


def scripted(customer_id, issue, amount, terms=None, due=None):
    invoice = Invoice(customer(customer_id), issue, int(round(amount * 100)),
                      terms, due)
    invoice.scripted = True
    return invoice


def d(text):
    return dt.date.fromisoformat(text)


def stories():
    invoices, events = [], []

    def event(date, customer_id, **fields):
        events.append((d(date), customer_id, fields))

    # A full dispute, still open: works not accepted at hand-over.
    leroy = scripted("C-1006", d("2026-01-12"), 4850.00, "30D")
    event("2026-02-16", "C-1006", type="dispute_opened", invoice=leroy,
          reason="works not accepted: reservations at hand-over")
    # A partial dispute, upheld: two pallets missing, credited; the rest paid.
    schmidt = scripted("C-2002", d("2026-01-20"), 2400.00, "30D")
    event("2026-02-23", "C-2002", type="dispute_opened", invoice=schmidt,
          amount=30000, reason="two pallets missing from the delivery")
    event("2026-03-05", "C-2002", type="dispute_resolved", invoice=schmidt,
          outcome="upheld", amount=30000, reference="credit note GS-2026-014")
    schmidt.credits = 30000
    schmidt.payments.append((d("2026-03-10"), 210000))
    # A partial dispute, open: the price differs from the quote.
    lefevre = scripted("C-1010", d("2026-02-06"), 1380.00, "30D")
    event("2026-03-11", "C-1010", type="dispute_opened", invoice=lefevre,
          amount=18000, reason="unit price differs from quote DV-2025-118")
    # A full dispute in GBP, open: fuel surcharge not agreed.
    jones = scripted("C-3002", d("2026-02-02"), 1920.00, "net 30")
    event("2026-03-09", "C-3002", type="dispute_opened", invoice=jones,
          reason="fuel surcharge not in the agreed rate card")
    # A promise kept: called, promised, confirmed in writing, paid on time.
    bernard = scripted("C-1003", d("2025-12-15"), 6300.00, "30D")
    event("2026-01-26", "C-1003", type="promise_to_pay", invoice=bernard,
          promised_date=d("2026-02-10"), amount=630000)
    event("2026-01-27", "C-1003", type="promise_confirmed", invoice=bernard,
          reference="email of 27 January")
    bernard.payments.append((d("2026-02-09"), 630000))
    # A promise broken: nothing by the promised date, part paid a week later.
    fischer = scripted("C-2004", d("2026-01-05"), 3780.00, "net 30")
    event("2026-02-20", "C-2004", type="promise_to_pay", invoice=fischer,
          promised_date=d("2026-03-13"), amount=378000)
    fischer.payments.append((d("2026-03-20"), 100000))
    # A promise in force on the as-of date.
    taylor = scripted("C-3003", d("2026-02-10"), 2250.00, "30D")
    event("2026-03-25", "C-3003", type="promise_to_pay", invoice=taylor,
          promised_date=d("2026-04-10"), amount=225000)
    # A payment plan over two invoices: 3 x 2000.00, two instalments met
    # (payments are per invoice: the older invoice first).
    moreau_1 = scripted("C-1007", d("2025-11-05"), 3600.00, "30D")
    moreau_2 = scripted("C-1007", d("2025-11-20"), 2400.00, "30D")
    event("2026-01-15", "C-1007", type="payment_plan_agreed",
          invoices=[moreau_1, moreau_2],
          instalments=[(d("2026-02-15"), 200000), (d("2026-03-15"), 200000),
                       (d("2026-04-15"), 200000)])
    moreau_1.payments += [(d("2026-02-13"), 200000), (d("2026-03-13"), 160000)]
    moreau_2.payments.append((d("2026-03-13"), 40000))
    # Dunning blocked while a framework contract is negotiated.
    weber = scripted("C-2005", d("2026-01-08"), 12400.00, "60D")
    event("2026-03-02", "C-2005", type="dunning_blocked", invoice=weber,
          until=d("2026-04-30"),
          reason="sales director negotiating a framework contract")
    # A customer that stopped paying in the autumn, handed to an agency.
    morel = [scripted("C-1017", d("2025-10-10"), 1850.00, "30D"),
             scripted("C-1017", d("2025-10-28"), 940.00, "30D"),
             scripted("C-1017", d("2025-11-14"), 2100.00, "30D")]
    morel[0].payments.append((d("2025-11-20"), 50000))
    event("2026-02-25", "C-1017", type="handed_to_agency", invoices=morel,
          reference="file REC-2026-031, Cabinet Recouvra")
    # A payer profile assigned by hand: standard-fr's "watch" segment
    # (ladder "fast"), declared in examples/policies/standard_fr.json.
    event("2026-01-05", "C-1015", type="segment_assigned", segment="watch",
          reason="late payments since the autumn")
    # Below the minimum dunning amounts: a short payment (bank charges)
    # leaves 12.40 EUR (standard-fr: 15.00 EUR) and 8.50 GBP (uk-standard:
    # 20.00 GBP) overdue.
    garcia = scripted("C-1012", d("2026-02-10"), 85.00, "30D")
    garcia.payments.append((d("2026-03-11"), 7260))
    smith = scripted("C-3001", d("2026-02-03"), 240.00, "net 30")
    smith.payments.append((d("2026-03-04"), 23150))
    # Old debts of chronic and slow payers, not paid on the as-of date:
    # 61-90 and over 90 days late.
    old_debts = [scripted("C-1015", d("2025-12-10"), 3240.00, "30D"),
                 scripted("C-2009", d("2025-11-12"), 5600.00, "30D"),
                 scripted("C-1011", d("2025-12-01"), 1875.50, "30D"),
                 scripted("C-3008", d("2025-11-03"), 1460.00, "net 30"),
                 scripted("C-3012", d("2025-12-22"), 2180.00, "net 30"),
                 scripted("C-3008", d("2025-12-05"), 615.25, "net 30")]
    old_debts[4].payments.append((d("2026-02-27"), 50000))
    # The largest invoice: a machine ordered by a reliable customer, due in
    # May.
    machine = scripted("C-2001", d("2026-03-16"), 48000.00, "60D")
    invoices += [leroy, schmidt, lefevre, jones, bernard, fischer, taylor,
                 moreau_1, moreau_2, weber, *morel, garcia, smith, *old_debts,
                 machine]
    return invoices, events


# --- Building and checking --------------------------------------------------------


def build():
    rng = Rng(SEED)
    invoices, events = stories()
    for c in CUSTOMERS:
        for invoice in simulate(rng, c):
            if c[0] in ("C-1012", "C-3001"):
                # The below-minimum customers owe nothing else overdue:
                # they pay before the due date.
                invoice.payments = []
                pay = max(invoice.issue, invoice.due - dt.timedelta(days=3))
                if pay <= AS_OF:
                    invoice.payments.append((pay, invoice.cents))
            invoices.append(invoice)
    # Ids in issue order, numbered per year: FA-2025-0001, FA-2026-0001.
    invoices.sort(key=lambda i: (i.issue, i.customer[0], i.cents))
    per_year = {}
    for invoice in invoices:
        year = invoice.issue.year
        per_year[year] = per_year.get(year, 0) + 1
        invoice.id = "FA-%d-%04d" % (year, per_year[year])
    events.sort(key=lambda e: (e[0], e[1]))
    return invoices, events


def event_json(number, date, customer_id, fields):
    """One events.jsonl line: id, customer, then the event as a case file
    writes it (date, type, then its fields)."""
    currency = CURRENCY[customer(customer_id)[2]]
    line = {"id": "EV-%04d" % number, "customer": customer_id,
            "date": date.isoformat(), "type": fields["type"]}
    for key, value in fields.items():
        if key == "type":
            continue
        if key == "invoice":
            line[key] = value.id
        elif key == "invoices":
            line[key] = [invoice.id for invoice in value]
        elif key == "amount":
            line[key] = "%s %s" % (money(value), currency)
        elif key in ("promised_date", "until"):
            line[key] = value.isoformat()
        elif key == "instalments":
            line[key] = [{"date": when.isoformat(),
                          "amount": "%s %s" % (money(cents), currency)}
                         for when, cents in value]
        else:
            line[key] = value
    return json.dumps(line, ensure_ascii=False)


def check(invoices, events):
    ids = [i.id for i in invoices]
    assert len(set(ids)) == len(ids)
    customer_ids = {c[0] for c in CUSTOMERS}
    for invoice in invoices:
        assert invoice.customer[0] in customer_ids
        assert FIRST_ISSUE <= invoice.issue <= LAST_ISSUE, invoice.id
        assert 8500 <= invoice.cents <= 4800000, (invoice.id, invoice.cents)
        assert (invoice.terms is None) != (invoice.explicit_due is None)
        if invoice.terms is not None:
            assert invoice.due == due_date(invoice.issue, invoice.terms)
        assert invoice.due >= invoice.issue, invoice.id
        for when, cents in invoice.payments:
            assert invoice.issue <= when <= AS_OF, (invoice.id, when)
            assert cents > 0, invoice.id
        assert invoice.outstanding() >= 0, invoice.id
    # The hand-checked due dates of each kind of terms.
    assert due_date(d("2026-01-31"), "30D+CM") == d("2026-03-31")
    assert due_date(d("2026-01-15"), "CM+45D") == d("2026-03-17")
    assert due_date(d("2025-12-15"), "30D") == d("2026-01-14")
    assert due_date(d("2026-01-08"), "60D") == d("2026-03-09")
    for date, customer_id, fields in events:
        assert date <= AS_OF
        assert fields["type"] not in ("invoice_issued", "payment_received")
        named = list(fields.get("invoices", []))
        if "invoice" in fields:
            named.append(fields["invoice"])
        for invoice in named:
            assert invoice.customer[0] == customer_id
            assert invoice.issue < date, (invoice.id, date)
            # Open when the event happens (nothing is done about an invoice
            # already paid).
            assert invoice.cents - invoice.paid(date) > 0, (invoice.id, date)
        if fields["type"] == "payment_plan_agreed":
            total = sum(c for _, c in fields["instalments"])
            assert total == sum(i.outstanding(date) for i in named)
            assert all(when > date for when, _ in fields["instalments"])
        if fields["type"] == "promise_to_pay":
            assert fields["promised_date"] > date
    # The spread of the ageing on the as-of date.
    # Every bucket has invoices in both currencies; 1-30 is the largest
    # overdue bucket, over 90 the smallest but one.
    buckets = ageing(invoices)
    for currency in ("EUR", "GBP"):
        counts = [count for count, _ in buckets[currency]]
        assert min(counts) >= 1, (currency, counts)
        assert counts[1] > max(counts[2:]), (currency, counts)
    eur = [count for count, _ in buckets["EUR"]]
    assert eur[1] >= 15 and eur[4] >= 5, eur


BUCKETS = ["not due", "1-30", "31-60", "61-90", "over 90"]


def bucket_of(invoice):
    late = (AS_OF - invoice.due).days
    if late <= 0:
        return 0
    return 1 if late <= 30 else 2 if late <= 60 else 3 if late <= 90 else 4


def ageing(invoices):
    """Per currency, per bucket: (open invoices, outstanding cents)."""
    table = {}
    for invoice in invoices:
        row = table.setdefault(invoice.currency, [[0, 0] for _ in BUCKETS])
        left = invoice.outstanding()
        if left > 0:
            row[bucket_of(invoice)][0] += 1
            row[bucket_of(invoice)][1] += left
    return table


def render(invoices, events):
    """The four files' texts, by name."""
    def csv_text(header, rows):
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        return out.getvalue()

    customers = csv_text(
        ["customer_id", "name", "segment", "language", "jurisdiction",
         "address"],
        [[c[0], c[1], "", LANGUAGE[c[2]], c[2], "\n".join(ADDRESSES[c[0]])]
         for c in CUSTOMERS])
    invoice_rows = csv_text(
        ["invoice_id", "customer_id", "issue_date", "currency", "amount",
         "terms", "due_date"],
        [[i.id, i.customer[0], i.issue.isoformat(), i.currency, money(i.cents),
          i.terms or "",
          i.explicit_due.isoformat() if i.explicit_due else ""]
         for i in invoices])
    payments = sorted(
        ((when, invoice.id, cents) for invoice in invoices
         for when, cents in invoice.payments))
    payment_rows = csv_text(
        ["payment_id", "invoice_id", "payment_date", "amount"],
        [["PAY-%05d" % (n + 1), invoice_id, when.isoformat(), money(cents)]
         for n, (when, invoice_id, cents) in enumerate(payments)])
    event_lines = "".join(
        event_json(n + 1, date, customer_id, fields) + "\n"
        for n, (date, customer_id, fields) in enumerate(events))
    return {"customers.csv": customers, "invoices.csv": invoice_rows,
            "payments.csv": payment_rows, "events.jsonl": event_lines}


def stats(invoices, events):
    lines = ["Ageing as of %s (open invoices, outstanding):" % AS_OF]
    for currency, row in sorted(ageing(invoices).items()):
        issued = sum(1 for i in invoices if i.currency == currency)
        lines.append("  %s: %d invoices issued" % (currency, issued))
        for name, (count, cents) in zip(BUCKETS, row):
            lines.append("    %-8s %4d  %12s %s" % (name, count, money(cents),
                                                   currency))
    # DSO as docs/aging.md defines it: outstanding / sales of the 90 days
    # ending on the as-of date x 90, to tenths, half away from zero.
    window = AS_OF - dt.timedelta(days=89)
    for currency in ("EUR", "GBP"):
        sales = sum(i.cents for i in invoices
                    if i.currency == currency and window <= i.issue <= AS_OF)
        owed = sum(max(i.outstanding(), 0) for i in invoices
                   if i.currency == currency)
        tenths = (owed * 900 * 2 + sales) // (2 * sales)
        lines.append("  %s DSO: %d.%d days (outstanding %s, sales %s to %s: %s)"
                     % (currency, tenths // 10, tenths % 10, money(owed),
                        window, AS_OF, money(sales)))
    payments = sum(len(i.payments) for i in invoices)
    lines.append("%d customers, %d invoices, %d payments, %d events" %
                 (len(CUSTOMERS), len(invoices), payments, len(events)))
    return "\n".join(lines) + "\n"


def main(argv):
    invoices, events = build()
    check(invoices, events)
    files = render(invoices, events)
    if "--stats" in argv:
        sys.stdout.write(stats(invoices, events))
        return 0
    if "--check" in argv:
        stale = []
        for name, text in files.items():
            with open(os.path.join(HERE, name), encoding="utf-8",
                      newline="") as f:
                if f.read() != text:
                    stale.append(name)
        if stale:
            print("out of date: " + ", ".join(stale), file=sys.stderr)
            return 1
        return 0
    for name, text in files.items():
        with open(os.path.join(HERE, name), "w", encoding="utf-8",
                  newline="") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
