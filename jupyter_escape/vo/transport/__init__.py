"""How VO results travel: bounded HTTP requests whose VOTable bodies are decoded while they arrive (http.py), and
the FITS transport of TAP results (fitspath.py: FITS rows joined with a MAXREC=0 VOTable's metadata).

Transports know nothing of the protocols (TAP, registry, DataLink ...): those modules, one level up, build the
requests and call these.
"""
