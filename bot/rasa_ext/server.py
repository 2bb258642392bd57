"""`rasa run` with the speed-ups this assistant's turns need: `python -m rasa_ext.server run …`.

Every speed-up keeps what Rasa answers and records the same; each was measured on its own with
bench/load.py (figures in bench/README.md, section "Load"). Where the time of a turn went before
(py-spy on the Rasa process under load), and what each one removes:

- `payloads`: a button payload (`/inform{"who":"me"}`, the app's `/emergency`) is read by Rasa's
  RegexMessageHandler, which replaces whatever the NLU pipeline found with the payload's intent and
  entities. The tokenizer, the three featurizers and DIET still ran on it first (35 % of the busy
  time; three turns of four are payloads). Here the payload is unpacked by the same function
  first, and the pipeline runs only when that finds nothing to unpack (typed text, a payload
  with an unknown intent).
- `schema`: each action server answer was checked with `jsonschema.validate`, which checks the
  schema itself against the metaschema every time (13 % of the busy time). The validator is
  built (and the schema checked) once; the answer is checked as before, with the same error.
- `events`: deserialising an event looked its class up by walking all of Event's subclasses,
  with `inspect.isabstract` on each, for every event of every tracker read (4 %). The class of
  each event name is kept after the first look-up.
- `gc`: Python's oldest-generation collections walked the whole loaded model (TensorFlow, the
  domain, the lookup tables) now and then, stopping the one event loop that serves every
  conversation. The objects loaded with the model are moved out of the collector's sight
  (`gc.freeze()`) once the model is loaded.

PASSERELLE_RASA_SPEEDUPS names the ones to apply (comma-separated, default all; `none` for plain
Rasa), so that each can be measured against Rasa without it.

Nothing here may import the app: this runs in Rasa's own environment.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from typing import Any

ALL = ("payloads", "schema", "events", "gc")


def chosen() -> tuple[str, ...]:
    raw = os.environ.get("PASSERELLE_RASA_SPEEDUPS", "all").replace(",", " ").split()
    if raw == ["all"]:
        return ALL
    unknown = set(raw) - {*ALL, "none"}
    if unknown:
        raise SystemExit(f"PASSERELLE_RASA_SPEEDUPS: unknown {sorted(unknown)}; known: {ALL}")
    return tuple(name for name in ALL if name in raw)


def payloads() -> None:
    from rasa.core.processor import MessageProcessor
    from rasa.nlu.classifiers.regex_message_handler import RegexMessageHandler
    from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
    from rasa.shared.nlu.constants import (
        ENTITIES,
        INTENT,
        INTENT_NAME_KEY,
        PREDICTED_CONFIDENCE_KEY,
        TEXT,
    )
    from rasa.shared.nlu.training_data.message import Message

    through_graph = MessageProcessor._parse_message_with_graph
    extractor = RegexMessageHandler.__name__  # the name the handler gives its entities

    def parse(
        self: Any, message: Any, tracker: Any, only_output_properties: bool = True
    ) -> dict[str, Any]:
        text = message.text
        if isinstance(text, str) and text.lstrip().startswith("/"):
            probe = Message(data={TEXT: text})
            unpacked = YAMLStoryReader.unpack_regex_message(
                probe, self.domain, entity_extractor_name=extractor
            )
            if unpacked is not probe:  # what the graph's last node would have returned
                parse_data: dict[str, Any] = {
                    TEXT: "",
                    INTENT: {INTENT_NAME_KEY: None, PREDICTED_CONFIDENCE_KEY: 0.0},
                    ENTITIES: [],
                }
                parse_data.update(unpacked.as_dict(only_output_properties=only_output_properties))
                return parse_data
        parsed: dict[str, Any] = through_graph(self, message, tracker, only_output_properties)
        return parsed

    MessageProcessor._parse_message_with_graph = parse


def schema() -> None:
    # Rasa's environment only (no stubs in the app's).
    from jsonschema import exceptions, validators  # type: ignore[import-untyped]
    from rasa.core.actions.action import RemoteAction

    built: dict[type, Any] = {}
    original = RemoteAction._validate_action_result

    def validate(self: Any, result: dict[str, Any]) -> bool:
        cls = type(self)
        if cls not in built:
            spec = cls.action_response_format_spec()
            validator_class = validators.validator_for(spec)
            validator_class.check_schema(spec)  # once, as jsonschema.validate did every time
            built[cls] = validator_class(spec)
        if exceptions.best_match(built[cls].iter_errors(result)) is not None:
            original(self, result)  # Rasa's own check raises the error, with Rasa's message
        return True

    RemoteAction._validate_action_result = validate


def events() -> None:
    from rasa.shared.core.events import Event

    original: Callable[..., Any] = Event.resolve_by_type
    found: dict[str, type] = {}

    def resolve_by_type(type_name: str, default: type | None = None) -> type | None:
        cls = found.get(type_name)
        if cls is None:
            cls = original(type_name, default)
            if cls is not None and cls is not default:
                found[type_name] = cls
        return cls

    Event.resolve_by_type = staticmethod(resolve_by_type)


def freeze_after_loading() -> None:
    import rasa.core.run

    load = rasa.core.run.load_agent_on_start

    async def load_then_freeze(*args: Any, **kwargs: Any) -> Any:
        agent = await load(*args, **kwargs)
        gc.collect()
        gc.freeze()
        return agent

    rasa.core.run.load_agent_on_start = load_then_freeze


SPEEDUPS: dict[str, Callable[[], None]] = {
    "payloads": payloads,
    "schema": schema,
    "events": events,
    "gc": freeze_after_loading,
}


def install(names: tuple[str, ...] = ALL) -> None:
    for name in names:
        SPEEDUPS[name]()


def main() -> None:
    install(chosen())
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
