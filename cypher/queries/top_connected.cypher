// name: top_connected
// description: Entities of one type with the most distinct partners (any relation but LOCATED_IN).
// param type: string? — an entity label, e.g. Person
// param limit: int? — how many, e.g. 10
MATCH (x:Entity)-[r]-(other:Entity)
WHERE type(r) <> 'LOCATED_IN' AND ($type IS NULL OR $type IN labels(x))
WITH x, count(DISTINCT other) AS partners, count(r) AS assertions
RETURN x.name AS entity, [l IN labels(x) WHERE l <> 'Entity'][0] AS type, partners, assertions
ORDER BY partners DESC, assertions DESC, entity
LIMIT coalesce($limit, 10)
