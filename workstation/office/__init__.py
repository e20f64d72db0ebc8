"""One office on the internal network: its PostgreSQL server and its shared evidence folder."""
