// Assertions of one type: one relationship per (source, type, target, article).
UNWIND $rows AS row
MATCH (s:Entity {id: row.source})
MATCH (t:__TARGET__ {id: row.target})
MERGE (s)-[r:__TYPE__ {article: row.article}]->(t)
SET r += row.props
