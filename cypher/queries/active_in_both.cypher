// name: active_in_both
// description: Actors with ties (roles, visits, meetings, agreements, twinning) to entities of both countries.
// param country_a: entity — one country, e.g. JP
// param country_b: entity — the other country, e.g. VN
MATCH (x:Entity)-[r]-(y:Entity)
WHERE type(r) <> 'LOCATED_IN'
OPTIONAL MATCH (y)-[:HOLDS_ROLE]->(yb:Entity)
WITH x, r, collect(coalesce(yb.country_code, yb.iso3166_1)) + [coalesce(y.country_code, y.iso3166_1)] AS yc
WITH x, count(DISTINCT CASE WHEN $country_a IN yc THEN r END) AS ties_a,
        count(DISTINCT CASE WHEN $country_b IN yc THEN r END) AS ties_b
WHERE ties_a > 0 AND ties_b > 0
RETURN x.name AS actor, [l IN labels(x) WHERE l <> 'Entity'][0] AS type, ties_a, ties_b
ORDER BY ties_a + ties_b DESC, actor
