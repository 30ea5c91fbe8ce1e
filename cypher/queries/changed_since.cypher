// name: changed_since
// description: What changed since a date: assertions from articles published on or after it.
// param since: date — publication date, e.g. 2024-11-01
MATCH (a:Article)
WHERE a.date >= $since
MATCH (s:Entity)-[r]->(t:Entity)
WHERE r.article = a.id AND type(r) <> 'LOCATED_IN'
RETURN a.date AS published, a.file AS article, s.name AS source, type(r) AS relation, t.name AS target,
       r.date AS date
ORDER BY published, article, relation, source
