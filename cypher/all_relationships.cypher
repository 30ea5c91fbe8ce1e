// diplograph's relationships: the model's types between its nodes (as all_nodes reads them).
MATCH (s)-[r]->(t)
WHERE type(r) IN $types AND s.id IS NOT NULL AND t.id IS NOT NULL
  AND s:Entity AND (t:Entity OR t:Article)
RETURN s.id AS source, t.id AS target, type(r) AS type, properties(r) AS props
