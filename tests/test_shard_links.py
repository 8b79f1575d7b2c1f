"""vnarchive.shards.links: a job that reads only its own posts and those links.py
names gets the same neighbours and "Bài khác của tác giả" lists for its own
posts as a build of the whole archive (random archives, many date ties), and
the posts its digest covers hold every one its pages show."""

from __future__ import annotations

import datetime as dt
import random
from types import SimpleNamespace

from vnarchive.archives.tree import chronological_neighbours
from vnarchive.by_author.picks import others_by_author
from vnarchive.related.similarity import Doc
from vnarchive.shards.keys import shard_key
from vnarchive.shards.links import linked_posts
from vnarchive.shards.metadata import PostRecord, pelican_order
from vnarchive.shards.plan import neighbours


def random_archive(rng: random.Random) -> dict[str, PostRecord]:
    people = [f"nguoi-{k}" for k in range(rng.randint(1, 5))]
    records = {}
    for i in range(rng.randint(1, 70)):
        undated = rng.random() < 0.3  # many ties: a third share one date
        when = dt.datetime(1900, 1, 1) if undated else dt.datetime(2018 + rng.randint(0, 3), rng.choice((1, 12)), 1)
        precision = "unknown" if undated else "day"
        source = f"p{i:03d}.md"
        head = (("date", when.strftime("%Y-%m-%d")), ("date_precision", precision))
        records[source] = PostRecord(source=source, size=1, mtime_ns=1, head=head, date=when, precision=precision,
                                     slug=f"bai-{rng.randint(0, 999):03d}-{i}", doc=Doc("", "", (), "", 0.0),
                                     persons=tuple(rng.sample(people, rng.randint(0, min(2, len(people))))))
    return records


def as_articles(records: dict[str, PostRecord], sources: list[str]) -> list[SimpleNamespace]:
    """The posts as a job's generator holds them: Pelican's order (newest first, ties by slug)."""
    return [SimpleNamespace(source=s, authors=list(records[s].persons), date=records[s].date, date_precision=records[s].precision,
                            slug=records[s].slug) for s in sources]


def test_a_shard_with_its_linked_posts_lists_what_the_whole_archive_does():
    rng = random.Random(11)
    for _round in range(60):
        records = random_archive(rng)
        order = pelican_order(records)
        keys = {s: shard_key(r.meta["date"], r.precision) for s, r in records.items()}
        count = rng.choice((1, 2, 5))
        linked, shown = linked_posts(records, keys, {}, neighbours(records), order, count)
        everything = as_articles(records, order)
        whole = dict(zip(order, others_by_author(everything, count)))
        whole_around = chronological_neighbours(everything)
        for shard in set(keys.values()):
            reads = {s for s in order if keys[s] == shard} | linked.get(shard, set())
            part = as_articles(records, [s for s in order if s in reads])
            picks = dict(zip((a.source for a in part), others_by_author(part, count)))
            around = chronological_neighbours(part)
            assert shown.get(shard, set()) <= linked.get(shard, set())
            for article in part:
                if keys[article.source] != shard:
                    continue
                assert [a.source for a in picks[article.source]] == [a.source for a in whole[article.source]]
                # the digest's set (plan.py) holds every post the page shows
                assert {a.source for a in whole[article.source] if keys[a.source] != shard} <= shown.get(shard, set())
                full = next(a for a in everything if a.source == article.source)
                expected = [n.source if n else None for n in whole_around.get(id(full), (None, None))]
                assert [n.source if n else None for n in around.get(id(article), (None, None))] == expected


def test_ties_at_the_window_edge_bring_the_first_of_that_date():
    """The reporter's oldest post (2018) has two neighbours of one date in 2019: by_author
    takes the first of them (ties keep the given order), so the 2018 job must read it."""
    def record(source, when, slug):
        head = (("date", when.strftime("%Y-%m-%d")), ("date_precision", "day"))
        return PostRecord(source=source, size=1, mtime_ns=1, head=head, date=when, precision="day", slug=slug,
                          doc=Doc("", "", (), "", 0.0), persons=("an",))

    records = {
        "x.md": record("x.md", dt.datetime(2018, 12, 1), "x"),
        "n.md": record("n.md", dt.datetime(2019, 1, 1), "a"),  # first by slug, so by_author's pick
        "m.md": record("m.md", dt.datetime(2019, 1, 1), "b"),  # first by file name: the month's representative
        "c.md": record("c.md", dt.datetime(2019, 3, 1), "c"),
    }
    keys = {s: shard_key(r.meta["date"], r.precision) for s, r in records.items()}
    order = pelican_order(records)
    whole = dict(zip(order, others_by_author(as_articles(records, order), 1)))
    assert [a.source for a in whole["x.md"]] == ["n.md"]
    linked, shown = linked_posts(records, keys, {}, {}, order, 1)
    assert "n.md" in linked["2018"] and "n.md" in shown["2018"]


def test_a_new_post_in_a_years_window_but_in_none_of_its_lists_leaves_its_job_idle():
    """A reporter's 2018 posts pick their nearest 2018 colleagues; a new 2020 post enters the
    window the 2018 job reads (links.py) but no 2018 page, so the 2018 digest stays and the job does not start."""
    from vnarchive.shards.plan import make_plan

    def record(source, when):
        head = (("date", when.strftime("%Y-%m-%d")), ("date_precision", "day"))
        return PostRecord(source=source, size=1, mtime_ns=1, head=head, date=when, precision="day", slug=source[:-3],
                          doc=Doc("", "", (), "", 0.0), persons=("an",), view=source)

    records = {f"a{m}.md": record(f"a{m}.md", dt.datetime(2018, m, 1)) for m in range(1, 6)}
    records["b.md"] = record("b.md", dt.datetime(2019, 6, 1))
    before = make_plan(records, {}, 10**6, "env", author_count=3)
    records["c.md"] = record("c.md", dt.datetime(2020, 6, 1))
    after = make_plan(records, {}, 10**6, "env", author_count=3)
    assert "c.md" in after.reads["2018"][1]  # read: in the window
    assert after.digests["2018"] == before.digests["2018"]  # shown on no 2018 page
    assert after.digests["2019"] != before.digests["2019"]  # b.md lists it
