// Entities of one label: merged on id, aliases united, codes kept.
UNWIND $rows AS row
MERGE (n:Entity:__LABEL__ {id: row.id})
SET n.name = coalesce(n.name, row.name),
    n.aliases = coalesce(n.aliases, []) + [a IN row.aliases WHERE NOT a IN coalesce(n.aliases, [])]
SET n += row.codes
