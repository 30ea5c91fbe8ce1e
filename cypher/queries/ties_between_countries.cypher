// name: ties_between_countries
// description: Sister-city, friendship and agreement ties (TWINNED, SIGNED) between places and bodies of two countries.
// param country_a: entity — one country, e.g. JP
// param country_b: entity — the other country, e.g. CN
MATCH (p:Entity)-[r:TWINNED|SIGNED]-(q:Entity)
WHERE coalesce(p.country_code, p.iso3166_1) = $country_a AND coalesce(q.country_code, q.iso3166_1) = $country_b
MATCH (a:Article {id: r.article})
RETURN DISTINCT p.name AS party_a, type(r) AS tie, q.name AS party_b, r.date AS since,
       r.agreement AS agreement, a.file AS article, r.evidence AS evidence
ORDER BY since, party_a
