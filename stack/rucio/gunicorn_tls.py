"""gunicorn settings of the https Rucio door (see tls_app.py): client certificates are optional (userpass and
tokens work over https too) and RFC 3820 proxy certificates are accepted, as grid servers accept them."""

import ssl


def ssl_context(conf, default_ssl_context_factory):
    context = default_ssl_context_factory()
    context.verify_flags |= ssl.VERIFY_ALLOW_PROXY_CERTS
    return context
