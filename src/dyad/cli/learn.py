"""``dyad train``: rebuild the relation model from annotated documents (and reviews)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from dyad.api import Dyad
from dyad.cli.common import db_option


@click.command()
@click.argument("corpus", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False))
@click.option("-o", "--output", default="dyad-model.npz", show_default=True, type=click.Path(dir_okay=False),
              help="Where to write the model; its card is written beside it as .md.")
@click.option("--with-reviews", is_flag=True,
              help="Add the accepted, rejected and edited claims of the store (--db) to the training data.")
@db_option
@click.option("--no-cv", "no_cv", is_flag=True, help="Skip leave-one-region-out cross-validation (faster).")
@click.option("--compare", multiple=True, type=click.Choice(["boosted"]),
              help="Also cross-validate another learner and report it in the card (needs lightgbm).")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed: the same data and seed give the same model.")
def train(corpus: tuple[str, ...], output: str, with_reviews: bool, db: str, no_cv: bool,
          compare: tuple[str, ...], seed: int) -> None:
    """Train the relation model on folders of annotated documents (<id>.txt beside
    <id>.gold.json, as in shared/eval), cross-validated by region, and write it with
    its model card. Use it with `dyad ingest --model FILE` (or DYAD_MODEL=FILE).

    Needs the training extra: pip install 'dyad[train]'.

    \b
    Example:
      dyad train ../shared/eval/train -o my-model.npz
      dyad train ../shared/eval/train --with-reviews --db dyad.db -o my-theatre.npz
    """
    from dyad.learn.train import card_markdown

    done = []
    live = sys.stderr.isatty()  # a progress line only where someone watches; logs stay clean

    def progress(item: str) -> None:
        done.append(item)
        if live:
            click.echo(f"\r{len(done)} read or fitted: {item[:60]:60s}", nl=False, err=True)

    model = Dyad(db).train(corpus, with_reviews=with_reviews, cv=not no_cv, compare=compare, seed=seed,
                           progress=progress)
    if live:
        click.echo("", err=True)
    model.save(output)
    card = Path(output).with_suffix(".md")
    card.write_text(card_markdown(model), encoding="utf-8")
    for cv in model.card.get("cross_validation", []):
        m = cv["micro"]
        click.echo(f"cross-validated ({cv['learner']}, leave one region out): interactions "
                   f"P {m['precision']:.3f} R {m['recall']:.3f} F1 {m['f1']:.3f}")
    click.echo(f"wrote {output} ({len(model.vocab)} features, threshold {model.cut.threshold}) and its card {card}")
