// Which of these ids are already entities, and under which labels.
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
RETURN n.id AS id, labels(n) AS labels
