#!/usr/bin/env bash
# Installs what the tests need beyond the .NET SDK (ONNX Runtime comes from NuGet): Debian's libonnx-testdata (ONNX's
# own backend test models with inputs and expected outputs, for tests/EdgeSdk.Conformance.Tests), the
# en_US.UTF-8 locale (ONNX Runtime's StringNormalizer kernel, used by 8 of those cases, constructs it)
# chromium (which test.sh lists for the integration tests) and nginx (its WebDAV module is the real cache
# server of the remote step cache tests, started by eng/start-cache-server.sh; Debian builds it into the
# nginx package). Idempotent and quiet: does nothing when
# everything is present. CI runs as root; elsewhere sudo is used when available.
set -euo pipefail

packages=(libonnx-testdata locales chromium nginx)
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

has_locale() { locale -a 2>/dev/null | grep -qix 'en_US.utf8'; }

if [[ ${#missing[@]} -eq 0 ]] && has_locale; then
  exit 0
fi

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo_cmd=(sudo -n)
  else
    echo "error: root is needed to install ${missing[*]:-nothing} and to generate the en_US.UTF-8 locale (run as root or install sudo)" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
if [[ ${#missing[@]} -gt 0 ]]; then
  "${sudo_cmd[@]}" apt-get update -qq >/dev/null
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "installed: ${missing[*]}"
fi

# The tests start their own nginx (eng/start-cache-server.sh); a packaged service is not needed. Debian's
# nginx has the WebDAV methods built in; nginx-extras would be needed on builds that lack them.
if command -v nginx >/dev/null 2>&1 && ! nginx -V 2>&1 | grep -q -- --with-http_dav_module; then
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends nginx-extras >/dev/null
  echo "installed: nginx-extras (WebDAV)"
fi

if ! has_locale; then
  "${sudo_cmd[@]}" sed -i 's/^# *\(en_US.UTF-8 UTF-8\)/\1/' /etc/locale.gen
  grep -q '^en_US.UTF-8 UTF-8' /etc/locale.gen || echo 'en_US.UTF-8 UTF-8' | "${sudo_cmd[@]}" tee -a /etc/locale.gen >/dev/null
  "${sudo_cmd[@]}" locale-gen >/dev/null
  echo "generated locale: en_US.UTF-8"
fi
