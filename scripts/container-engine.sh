#!/usr/bin/env bash
# Sourced by .ci/run and scripts/repeat-tests.sh from the repository root, so the flake finder sets the machine up
# exactly as CI does. The container test (tests/Releat.Deploy.Tests, ComposeStackTests) needs a Docker-compatible
# engine. On these machines that is podman's API socket with local stand-in images (no registry is reachable):
# ../shared/tools/local-images.sh installs podman, runc and docker-compose, makes the base images and starts the API;
# deploy/local-prometheus-image.sh adds Prometheus (also when DOCKER_HOST was already set: a run once failed for want
# of it). Where neither the script nor an engine exists, the test reports itself skipped with the reason.
releat_container_engine() {
  if [[ -z "${DOCKER_HOST:-}" && ! -S /var/run/docker.sock ]]; then
    local images="${RELEAT_LOCAL_IMAGES:-../shared/tools/local-images.sh}"
    if [[ -f "$images" && "$(id -u)" -eq 0 ]]; then
      # From /: the API service it starts outlives this run, and a service left in a clone's folder that is later
      # deleted fails every container start with a bare "exit status 1".
      images="$(realpath "$images")"
      (cd / && bash "$images") >/tmp/releat-ci-local-images.log 2>&1 || { tail -20 /tmp/releat-ci-local-images.log >&2; echo "$0: $images failed" >&2; return 1; }
      export DOCKER_HOST=unix:///run/podman/podman.sock
    else
      echo "$0: no container engine and no $images to make one (as root): the container test will be skipped" >&2
    fi
  fi

  # Podman with the local base image (no registry): the Prometheus stand-in too; the script skips an existing image.
  if command -v podman >/dev/null 2>&1 && [[ "$(id -u)" -eq 0 ]] && podman image exists localhost/releat-base:bookworm 2>/dev/null; then
    deploy/local-prometheus-image.sh
  fi

  # No image registry: Testcontainers' reaper (Ryuk) cannot be pulled; the test removes what it made itself.
  export TESTCONTAINERS_RYUK_DISABLED=true
}
