MATCH (s)-[r]->(t)
RETURN s.id AS source, t.id AS target, type(r) AS type, properties(r) AS props
