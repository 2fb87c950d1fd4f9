"""akn: the Akoma Ntoso 3.0 XML manifestation (``writer.to_akn``) and the schema it must meet
(``schema``). The reader of AKN input is in ``readers.akn``; the schema check in ``checks.akn``.
Imports the model, ids, vocab and link's results; never rdf, checks or the CLI."""
