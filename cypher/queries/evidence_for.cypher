// name: evidence_for
// description: The articles and sentences behind every edge between two entities.
// param source: entity — one end, e.g. person:nguyen-ngoc-ky
// param target: entity — the other end, e.g. geonames:1849892
MATCH (s:Entity {id: $source})-[r]-(t:Entity {id: $target})
MATCH (a:Article {id: r.article})
RETURN type(r) AS relation, CASE WHEN startNode(r) = s THEN 'out' ELSE 'in' END AS direction,
       r.date AS date, r.confidence AS confidence, r.method AS method, a.file AS article, a.title AS title,
       a.source AS outlet, r.evidence AS evidence
ORDER BY r.date_from, date, relation
