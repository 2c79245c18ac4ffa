from tests.messaging.smtp import smtp_server, unreachable_smtp

__all__ = ["smtp_server", "unreachable_smtp"]
