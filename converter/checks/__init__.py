"""checks: what a built document must meet before anything is written. ``shacl`` validates a
graph (the project's shapes, the EP's profile, or any given); ``akn`` checks the Akoma Ntoso XML
against the OASIS schema. Each returns findings of the one ``findings.Finding`` type.
Imports rdf (to read shapes), akn's schema, findings and resources; never the CLI."""

from .akn import check_akn
from .shacl import DEFAULT_ENGINE, ENGINES, Report, ep_shapes, load_shapes, ontology_graph, project_shapes, validate

__all__ = ["DEFAULT_ENGINE", "ENGINES", "Report", "check_akn", "ep_shapes", "load_shapes", "ontology_graph",
           "project_shapes", "validate"]
