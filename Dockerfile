# The ecslint container image: the static (musl) release binary on an empty base, nothing else.
# The release workflow builds the binaries first and passes them in as the build context:
#
#   dist/linux-amd64/ecslint   (x86_64-unknown-linux-musl)
#   dist/linux-arm64/ecslint   (aarch64-unknown-linux-musl)
#
#   docker buildx build --platform linux/amd64,linux/arm64 -f Dockerfile dist
#
# Usage: docker run --rm -v "$PWD:/src" -w /src ghcr.io/ecslint/ecslint:0.2.0 check .
# The binary needs no libc, no CA certificates (it makes no network requests) and no shell.
FROM scratch
ARG TARGETOS
ARG TARGETARCH
COPY --chmod=0755 ${TARGETOS}-${TARGETARCH}/ecslint /usr/local/bin/ecslint
# Run as an unprivileged user by default (numeric: scratch has no /etc/passwd).
USER 65532:65532
WORKDIR /src
ENTRYPOINT ["/usr/local/bin/ecslint"]
CMD ["check", "."]
LABEL org.opencontainers.image.source="https://github.com/ecslint/ecslint" \
      org.opencontainers.image.description="A fast linter for Amazon ECS task definitions, services, clusters and ECR lifecycle policies" \
      org.opencontainers.image.licenses="MIT OR Apache-2.0"
