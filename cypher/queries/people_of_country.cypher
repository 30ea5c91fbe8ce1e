// name: people_of_country
// description: People holding roles in a country's government, places or organisations.
// param country: entity — the country, e.g. JP
MATCH (p:Person)-[r:HOLDS_ROLE]->(body:Entity)
WHERE coalesce(body.country_code, body.iso3166_1) = $country
RETURN DISTINCT p.name AS person, r.role AS role, body.name AS body
ORDER BY person, role
