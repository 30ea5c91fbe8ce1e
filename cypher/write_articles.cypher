// One node per article, keyed by the hash of its cleaned text.
UNWIND $rows AS row
MERGE (a:Article {id: row.id})
SET a += row.props
