// New entities of one label (their ids were checked absent in the same transaction).
UNWIND $rows AS row
CREATE (n:Entity:__LABEL__ {id: row.id})
SET n.name = row.name, n.aliases = row.aliases, n.merged = row.merged
SET n += row.codes
