// A fixture for layering_rejects_violations: a header in no layer.
