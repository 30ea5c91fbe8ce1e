// name: agreements_of
// description: The agreements an actor signed: with whom, what, when, and where it is said.
// param actor: entity — any entity, e.g. JP-34
MATCH (x:Entity {id: $actor})-[r:SIGNED]-(other:Entity)
MATCH (a:Article {id: r.article})
RETURN other.name AS counterpart, r.agreement AS agreement, r.date AS date, a.file AS article, r.evidence AS evidence
ORDER BY r.date_from, date, counterpart
