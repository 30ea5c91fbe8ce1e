// name: meetings_between_countries
// description: Who met whom between two countries; an actor's country is its own or that of the body it holds a role in.
// param country_a: entity — one country, e.g. JP
// param country_b: entity — the other country, e.g. VN
MATCH (p:Entity)-[r:MET]-(q:Entity)
OPTIONAL MATCH (p)-[:HOLDS_ROLE]->(pb:Entity)
WITH p, r, q, collect(coalesce(pb.country_code, pb.iso3166_1)) + [coalesce(p.country_code, p.iso3166_1)] AS pc
OPTIONAL MATCH (q)-[:HOLDS_ROLE]->(qb:Entity)
WITH p, r, q, pc, collect(coalesce(qb.country_code, qb.iso3166_1)) + [coalesce(q.country_code, q.iso3166_1)] AS qc
WHERE $country_a IN pc AND $country_b IN qc
MATCH (a:Article {id: r.article})
RETURN DISTINCT p.name AS actor_a, q.name AS actor_b, r.date AS date, a.file AS article, r.evidence AS evidence
ORDER BY date, actor_a, actor_b
