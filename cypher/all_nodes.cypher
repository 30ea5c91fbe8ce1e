// diplograph's nodes: articles and entities with an id; whatever else the database holds is left out.
MATCH (n)
WHERE n.id IS NOT NULL AND (n:Article OR n:Entity)
RETURN n.id AS id, labels(n) AS labels, properties(n) AS props
