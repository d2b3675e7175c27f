# linkproof in a Debian 12 image, for CI jobs (docs/ci.md, docs/install.md). Every package comes
# from Debian 12. The first stage builds the .deb from this source tree; the second installs it
# into a clean Debian 12 with apt, which brings in the dependencies the package declares.
#   docker build --build-arg LINKPROOF_COMMIT=$(git describe --always --dirty) -t linkproof .
#   docker run --rm -v "$PWD:/repo" linkproof linkproof check infra/world.json
FROM debian:12 AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends cmake ninja-build g++ dpkg-dev file \
      libz3-dev nlohmann-json3-dev libboost-dev libcli11-dev \
 && rm -rf /var/lib/apt/lists/*
COPY . /src
# The source is copied without .git (.dockerignore): name the commit for `linkproof --version`.
ARG LINKPROOF_COMMIT=
RUN cmake -S /src -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release -DLINKPROOF_TESTS=OFF -DLINKPROOF_BENCH=OFF \
      -DLINKPROOF_COMMIT="${LINKPROOF_COMMIT}" \
 && cmake --build /build \
 && cd /build && cpack -G DEB

FROM debian:12
COPY --from=build /build/linkproof_*.deb /tmp/
RUN apt-get update \
 && apt-get install -y --no-install-recommends /tmp/linkproof_*.deb \
 && rm -rf /var/lib/apt/lists/* /tmp/linkproof_*.deb \
 && linkproof --version \
 && linkproof validate --bundled
WORKDIR /repo
# No ENTRYPOINT: CI runners start their own shell in the image; run `linkproof ...` as a command.
CMD ["linkproof", "--help"]
