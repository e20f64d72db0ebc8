#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the workstation needs at run and test time:
# Qt's xcb platform libraries, CJK fonts, libVLC, Xvfb, PulseAudio and PostgreSQL (tests).
# Installs only what is missing; without root or sudo it prints the exact command instead
# of failing.
set -euo pipefail

packages=(
  # Qt 6 xcb platform plugin and friends
  libxkbcommon-x11-0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxcb-cursor0
  libegl1 libgl1 libfontconfig1 libdbus-1-3
  # Chinese text in the UI, the documents and the demo PDFs
  fonts-noto-cjk
  # media playback through python-vlc
  libvlc5 vlc-plugin-base vlc-plugin-video-output
  # a virtual screen for tests that need a real window and for `xvfb-run make run`
  xvfb xauth
  # a sound server for the test that plays with a sound device (office PCs have one)
  pulseaudio
  # DOCX → PDF for the written opinion (the app works without it and says so)
  libreoffice-writer-nogui
  # the office database: the tests start a throw-away server; pg_dump backs it up before
  # an upgrade (an office PC needs only postgresql-client)
  postgresql postgresql-client
)

command -v dpkg-query >/dev/null 2>&1 || {
  echo "system-packages: not a Debian/Ubuntu system; install the equivalents of: ${packages[*]}" >&2
  exit 0
}

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

cmd=(apt-get install -y --no-install-recommends "${missing[@]}")
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo)
else
  echo "system-packages: missing ${missing[*]}" >&2
  echo "system-packages: run:  sudo apt-get update && sudo ${cmd[*]}" >&2
  exit 0
fi
echo "system-packages: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" "${cmd[@]}"
