// Every entity (optionally of one label) with its aliases, merge reasons and article count.
MATCH (n:Entity)
WHERE $label IS NULL OR $label IN labels(n)
OPTIONAL MATCH (n)-[:MENTIONED_IN]->(a:Article)
WITH n, count(DISTINCT a) AS articles
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS type, n.name AS name,
       coalesce(n.aliases, []) AS aliases, coalesce(n.merged, []) AS merged, articles
ORDER BY articles DESC, name
