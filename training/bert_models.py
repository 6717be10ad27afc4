"""BERT token classifiers with random weights, saved the way camel-tools loads its NER model.

The camel backend cannot download ``ner-arabert`` here, so its tests and benchmarks build
stand-ins of the same shape: a wordpiece vocabulary, a tokenizer config and a
``BertForTokenClassification`` with the ANERcorp labels (torch and transformers come with
the ``camel`` extra).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def save_token_classifier(
    directory: Path,
    vocab: Sequence[str],
    labels: Sequence[str],
    *,
    hidden: int,
    layers: int,
    heads: int,
    intermediate: int,
    seed: int = 0,
) -> Any:
    """Save a randomly initialised BERT token classifier in ``directory``; return the model
    (a ``BertForTokenClassification``) so that a caller may change weights and save again."""
    import torch
    from transformers import BertConfig, BertForTokenClassification

    directory.mkdir(parents=True, exist_ok=True)
    (directory / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    (directory / "tokenizer_config.json").write_text(
        json.dumps({"do_lower_case": False, "tokenizer_class": "BertTokenizer"}),
        encoding="utf-8",
    )
    config = BertConfig(
        vocab_size=len(vocab),
        hidden_size=hidden,
        num_hidden_layers=layers,
        num_attention_heads=heads,
        intermediate_size=intermediate,
        max_position_embeddings=512,
        id2label=dict(enumerate(labels)),
        label2id={label: i for i, label in enumerate(labels)},
    )
    torch.manual_seed(seed)
    model = BertForTokenClassification(config)
    model.save_pretrained(directory)
    return model
