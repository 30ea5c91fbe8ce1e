"""What one article yields before identity resolution: mentions, entities, relations.

Shared by the finders of mentions (`loaders.mentions`, `loaders.places`), of entities
(`loaders.extract`) and of relations (`loaders.roles`, `loaders.relations`);
`loaders.resolve` turns it into the graph model.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from loaders.gazetteer import Place

ACTOR_LABELS = frozenset({"Person", "Party", "Association", "Organization"})
ORG_LABELS = frozenset({"Party", "Association", "Organization"})
PLACE_LABELS = frozenset({"Country", "Prefecture", "Province", "City"})
UNDIRECTED = frozenset({"MET", "SIGNED", "TWINNED"})  # relation types whose two ends are alike
CAMEO = {"VISITED": "042", "MET": "040", "SIGNED": "057"}  # the event codes of the types CAMEO has


@dataclass
class Mention:
    """One stretch of text that names an entity."""

    text: str
    start: int
    end: int
    label: str
    method: str
    place: Place | None = None


@dataclass
class Found:
    """An entity of one article: its mentions, its name and aliases."""

    label: str
    name: str
    mentions: list[Mention] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    place: Place | None = None

    def forms(self) -> set[str]:
        return {self.name, *self.aliases}


@dataclass
class FoundRelation:
    """An assertion between two entities of the article (indexes into entities)."""

    type: str
    source: int
    target: int
    evidence: str
    method: str
    confidence: float
    date: str | None = None
    role: str | None = None
    agreement: str | None = None
    cameo: str | None = None


@dataclass
class Extraction:
    """What one article yields, before identity resolution."""

    file: str
    title: str | None
    date: str | None
    source: str | None
    dateline: str | None
    text: str
    url: str | None = None
    entities: list[Found] = field(default_factory=list)
    relations: list[FoundRelation] = field(default_factory=list)
