// Every entity with its own label, names and codes: what identity resolution matches against.
MATCH (n:Entity)
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS label, n.name AS name,
       coalesce(n.aliases, []) AS aliases, n.iso3166_1 AS iso3166_1, n.iso3166_2 AS iso3166_2,
       n.geonames_id AS geonames_id
