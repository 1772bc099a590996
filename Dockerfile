# The Frontdesk central server in a container. It speaks plain HTTP inside the container
# network: put it behind the HTTPS proxy of deploy/ (deploy/compose.yaml), never publish
# its port beyond the host. For a local try-out only:
#   docker build -t frontdesk-server .
#   docker run -p 127.0.0.1:8787:8787 -v frontdesk:/data frontdesk-server
#   docker exec <container> frontdesk-server desk add reception --config /etc/frontdesk/studio.toml --db /data/frontdesk.sqlite
FROM rust:1-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked -p frontdesk-server --bin frontdesk-server

FROM debian:bookworm-slim
RUN useradd --system --home /data frontdesk && mkdir -p /data /etc/frontdesk && chown frontdesk /data
COPY --from=build /src/target/release/frontdesk-server /usr/local/bin/frontdesk-server
COPY deploy/studio.example.toml /etc/frontdesk/studio.toml
USER frontdesk
VOLUME /data
EXPOSE 8787
STOPSIGNAL SIGTERM
ENTRYPOINT ["frontdesk-server", "serve", "--config", "/etc/frontdesk/studio.toml", "--db", "/data/frontdesk.sqlite", "--listen", "0.0.0.0:8787"]
