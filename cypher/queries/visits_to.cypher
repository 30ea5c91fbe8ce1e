// name: visits_to
// description: Who visited a place — or anywhere inside it — in a time window, with the evidence.
// param place: entity — the country, prefecture, province or city, e.g. JP
// param since: date? — first date of the window, e.g. 2019-01-01
// param until: date? — last date of the window (a year or a month: to its end), e.g. 2024-12-31
MATCH (x:Entity)-[:LOCATED_IN*0..3]->(:Entity {id: $place})
WITH DISTINCT x
MATCH (v:Entity)-[r:VISITED]->(x)
WITH v, r, x, CASE size($until)
         WHEN 4 THEN date($until + '-12-31')
         WHEN 7 THEN date($until + '-01') + duration({months: 1}) - duration({days: 1})
         ELSE date($until) END AS last
WHERE ($since IS NULL OR r.date_to >= date($since)) AND ($until IS NULL OR r.date_from <= last)
MATCH (a:Article {id: r.article})
RETURN v.name AS visitor, x.name AS visited, r.date AS date, a.file AS article, r.evidence AS evidence
ORDER BY r.date_from, date, visitor, visited
