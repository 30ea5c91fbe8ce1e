// One of diplograph's nodes, if the graph holds any.
MATCH (n)
WHERE n:Entity OR n:Article
RETURN n.id AS id
LIMIT 1
