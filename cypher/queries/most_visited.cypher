// name: most_visited
// description: The most visited places, by distinct visitors and by visits asserted.
// param limit: int? — how many places, e.g. 10
MATCH (v:Entity)-[r:VISITED]->(x:Entity)
WHERE x:Country OR x:Prefecture OR x:Province OR x:City
WITH x, count(DISTINCT v) AS visitors, count(r) AS visits, collect(DISTINCT v.name) AS who
RETURN x.name AS place, [l IN labels(x) WHERE l <> 'Entity'][0] AS type, visitors, visits, who
ORDER BY visitors DESC, visits DESC, place
LIMIT coalesce($limit, 10)
