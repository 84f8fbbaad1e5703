"""Admin screens of data quality: the anomalies list (filters, search, XLSX export), the inspect
page with the « Justifier » / « Retirer la justification » actions, and the counts per
département (with its XLSX export). Every view reads through the anomalies' permission policy:
an anomaly out of the user's perimeter is not found (404), whatever the URL."""
