// name: roles_in
// description: The people holding roles in an organisation, party, association or place.
// param body: entity — where the roles are held, e.g. association:hanoi-union-of-friendship-organizations
MATCH (p:Person)-[r:HOLDS_ROLE]->(:Entity {id: $body})
MATCH (a:Article {id: r.article})
RETURN p.name AS person, r.role AS role, r.date AS date, a.file AS article
ORDER BY person, role
