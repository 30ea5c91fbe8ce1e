// name: neighbours
// description: An entity's direct neighbours with the number of assertions of each type.
// param entity: entity — any entity, e.g. association:hanoi-union-of-friendship-organizations
// param types: list<string>? — only these relationship types, e.g. MET,VISITED
MATCH (x:Entity {id: $entity})-[r]-(other:Entity)
WHERE $types IS NULL OR type(r) IN $types
RETURN other.name AS neighbour, [l IN labels(other) WHERE l <> 'Entity'][0] AS type, type(r) AS relation,
       count(r) AS assertions
ORDER BY assertions DESC, neighbour, relation
