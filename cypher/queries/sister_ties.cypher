// name: sister_ties
// description: Every sister-city and friendship tie (TWINNED), with the year it began where known.
MATCH (p:Entity)-[r:TWINNED]->(q:Entity)
MATCH (a:Article {id: r.article})
RETURN p.name AS place_a, q.name AS place_b, r.date AS since, a.file AS article, r.evidence AS evidence
ORDER BY since, place_a
