// More forms of known entities of one label. The first name stays the node's name; every other
// form becomes an alias, and the reasons for merges are kept in `merged`.
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
WITH n, row, coalesce(n.aliases, []) AS had, coalesce(n.merged, []) AS why
SET n.aliases = had + [a IN row.aliases + [row.name] WHERE a <> n.name AND NOT a IN had],
    n.merged = why + [m IN row.merged WHERE NOT m IN why]
SET n += row.codes
