// name: articles_about
// description: The articles that mention an entity, newest first.
// param entity: entity — any entity, e.g. geonames:1581130
MATCH (:Entity {id: $entity})-[:MENTIONED_IN]->(a:Article)
RETURN a.date AS date, a.title AS title, a.source AS outlet, a.file AS article, a.url AS url
ORDER BY date DESC, article
