// name: timeline
// description: An actor's timeline: every assertion about it, oldest first, with the other end and the evidence.
// param actor: entity — any entity, e.g. person:thongsavanh-phomvihane
MATCH (x:Entity {id: $actor})-[r]-(other:Entity)
WHERE type(r) <> 'LOCATED_IN'
MATCH (a:Article {id: r.article})
RETURN coalesce(r.date, a.date) AS date, type(r) AS relation,
       CASE WHEN startNode(r) = x THEN 'out' ELSE 'in' END AS direction,
       other.name AS other, a.file AS article, r.evidence AS evidence
ORDER BY date, relation, other
