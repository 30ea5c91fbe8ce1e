// name: bridging_organizations
// description: Organisations, parties and associations tied (any relation but LOCATED_IN) to actors or places of both countries.
// param country_a: entity — one country, e.g. JP
// param country_b: entity — the other country, e.g. VN
MATCH (o:Entity)-[r]-(x:Entity)
WHERE (o:Organization OR o:Association OR o:Party) AND type(r) <> 'LOCATED_IN'
OPTIONAL MATCH (x)-[:HOLDS_ROLE]->(xb:Entity)
WITH o, x, collect(coalesce(xb.country_code, xb.iso3166_1)) + [coalesce(x.country_code, x.iso3166_1)] AS xc
WITH o, [n IN collect(CASE WHEN $country_a IN xc THEN x.name END) WHERE n IS NOT NULL] AS in_a,
        [n IN collect(CASE WHEN $country_b IN xc THEN x.name END) WHERE n IS NOT NULL] AS in_b
WHERE size(in_a) > 0 AND size(in_b) > 0
RETURN o.name AS organization, [l IN labels(o) WHERE l <> 'Entity'][0] AS type, in_a, in_b
ORDER BY size(in_a) + size(in_b) DESC, organization
