// name: visits_by
// description: The places and organisations an actor visited, in date order, with the evidence.
// param actor: entity — a person, party, association or organisation, e.g. person:nguyen-ngoc-ky
MATCH (v:Entity {id: $actor})-[r:VISITED]->(x:Entity)
MATCH (a:Article {id: r.article})
RETURN x.name AS visited, [l IN labels(x) WHERE l <> 'Entity'][0] AS type, r.date AS date,
       a.file AS article, r.evidence AS evidence
ORDER BY r.date_from, date, visited
