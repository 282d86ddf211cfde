"""relance.dask: the portfolio kernel over the partitions of a Dask cluster
(three worker processes on loopback) gives exactly the single-process
totals, with customers whose invoices are spread over several partitions."""

import datetime
import json

import numpy as np
import pandas as pd
import pytest

import relance
import relance.dask
from relance.portfolio import evaluate_frame

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

AS_OF = datetime.date(2025, 12, 31)


@pytest.fixture(scope="module")
def policy_text():
    from conftest import SOURCE_DIR

    return (SOURCE_DIR / "benchmarks" / "portfolio_v1_policy.json").read_text()


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=3, threads_per_worker=1, processes=True,
                                       host="127.0.0.1", dashboard_address=None,
                                       silence_logs=50)
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


def portfolio(n=3000, customers=60, seed=11):
    """A seeded portfolio in the generator's columns: invoices in random
    order, so every customer's invoices fall in several partitions."""
    rng = np.random.default_rng(seed)
    issue = np.datetime64("2024-01-01") + rng.integers(0, 715, n)
    amount = np.where(rng.random(n) < 0.1, rng.integers(500, 2000, n),
                      rng.integers(2000, 3_000_000, n))
    invoices = pd.DataFrame({
        "invoice_id": [f"F-{i:05d}" for i in range(n)],
        "customer_id": [f"C-{c:03d}" for c in rng.integers(0, customers, n)],
        "issue_date": issue.astype("datetime64[ns]"),
        "currency": "EUR",
        "amount": amount.astype(np.int64),
        "terms": rng.choice(["0D", "30D", "60D", "30D+CM", "CM+45D"], n),
        "disputed": (rng.random(n) < 0.05).astype(np.uint8),
        "last_level_sent": rng.choice([0, 0, 0, 1, 2, 3, 6], n).astype(np.uint8),
    })
    paid = rng.random(n) < 0.4
    payments = pd.DataFrame({
        "invoice_id": invoices["invoice_id"][paid].to_numpy(),
        "payment_date": (issue[paid] + rng.integers(0, 600, paid.sum())).astype("datetime64[ns]"),
        "amount": (amount[paid] // rng.choice([1, 2], paid.sum())).astype(np.int64),
    }).sample(frac=1, random_state=1)
    return invoices, payments


def single_process(invoices, payments, policy_text):
    return evaluate_frame(invoices, payments, relance.Policy.from_json(policy_text), AS_OF)


def same(partitioned, single):
    assert partitioned.invoices == single.invoices
    assert partitioned.total_balance == single.total_balance
    assert partitioned.total_interest == single.total_interest
    assert partitioned.total_compensation == single.total_compensation
    assert partitioned.actions_per_level == single.actions_per_level
    assert partitioned.letters_per_level == single.letters_per_level


def test_dataframes_on_a_local_cluster(client, policy_text):
    invoices, payments = portfolio()
    single = single_process(invoices, payments, policy_text)
    assert sum(single.letters_per_level) > 20
    parts = dd.from_pandas(invoices, npartitions=4, sort=False)
    # Customers are split: most appear in more than one partition.
    where = [set(p["customer_id"]) for p in (parts.get_partition(i).compute()
                                             for i in range(4))]
    split = {c for c in invoices["customer_id"] if sum(c in w for w in where) > 1}
    assert len(split) > 30
    totals = relance.dask.evaluate(
        parts, dd.from_pandas(payments, npartitions=3, sort=False),
        policy=policy_text, as_of=AS_OF)
    same(totals, single)
    assert totals.partitions == 4
    # Adding each partition's letters would count a split customer several
    # times: the reduction takes each customer's highest level instead.
    naive = np.zeros(7, np.int64)
    for i in range(4):
        part = parts.get_partition(i).compute()
        naive += single_process(part, payments[payments["invoice_id"].isin(
            part["invoice_id"])], policy_text).letters_per_level
    assert naive.sum() > sum(single.letters_per_level)


def test_partition_file_pairs(client, policy_text, tmp_path):
    invoices, payments = portfolio(n=1500, seed=5)
    single = single_process(invoices, payments, policy_text)
    pairs = []
    for k, chunk in enumerate(np.array_split(np.arange(len(invoices)), 3)):
        part = invoices.iloc[chunk]
        mine = payments[payments["invoice_id"].isin(part["invoice_id"])]
        paths = tmp_path / f"inv{k}.csv", tmp_path / f"pay{k}.csv"
        out = part.assign(amount=[f"{a // 100}.{a % 100:02d}" for a in part["amount"]],
                          issue_date=part["issue_date"].dt.strftime("%Y-%m-%d"))
        out.to_csv(paths[0], index=False)
        mine.assign(amount=[f"{a // 100}.{a % 100:02d}" for a in mine["amount"]],
                    payment_date=mine["payment_date"].dt.strftime("%Y-%m-%d")).to_csv(
            paths[1], index=False)
        pairs.append(paths)
    totals = relance.dask.evaluate(pairs, policy=policy_text, as_of=AS_OF)
    same(totals, single)
    assert totals.partitions == 3


def test_customer_minimum_needs_customers_together(policy_text):
    policy = json.loads(policy_text)
    policy["minimum_dunning_amount"] = "50.00 EUR"
    invoices, payments = portfolio(n=50)
    with pytest.raises(relance.Error, match="customers_together"):
        relance.dask.evaluate(dd.from_pandas(invoices, npartitions=2),
                              dd.from_pandas(payments, npartitions=2),
                              policy=policy, as_of=AS_OF)
    with pytest.raises(TypeError, match="cannot be sent"):
        relance.dask.evaluate([], policy=relance.Policy.from_json(policy_text), as_of=AS_OF)
