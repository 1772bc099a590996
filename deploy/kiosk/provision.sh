#!/usr/bin/env bash
# Makes a Debian PC a Frontdesk kiosk in one run (as root):
#   sudo deploy/kiosk/provision.sh --deb Frontdesk_0.1.0_amd64.deb [--user frontdesk]
# 1. installs the app from its .deb (apt resolves WebKitGTK and the rest);
# 2. makes the kiosk's user (no password: it only ever signs in automatically);
# 3. signs that user in when the PC starts (LightDM or GDM, whichever is installed);
# 4. starts Frontdesk with the session, in full screen, and again after a crash (a clean
#    quit from the app stays quit); a second start only focuses the running window;
# 5. keeps the screen from blanking during the session.
# Staff then connect the desk on its welcome screen (enrolment code) or set up its studio.
# Running it again changes nothing that is already so.
#
# --root DIR writes the same files under DIR instead of / and skips installing packages and
# making the user (a dry run to read, and how the tests check it: e2e/kiosk.test.mjs).
set -euo pipefail

usage() {
  echo "usage: $0 --deb FILE.deb [--user NAME] [--root DIR]" >&2
  exit 2
}

deb="" user="frontdesk" root=""
while [ $# -gt 0 ]; do
  case "$1" in
    --deb) deb=${2:-}; shift 2 || usage ;;
    --user) user=${2:-}; shift 2 || usage ;;
    --root) root=${2:-}; shift 2 || usage ;;
    -h | --help) usage ;;
    *) echo "unknown argument: $1" >&2; usage ;;
  esac
done
[[ "$user" =~ ^[a-z_][a-z0-9_-]{0,31}$ ]] || { echo "--user: not a valid user name: $user" >&2; exit 2; }

if [ -z "$root" ]; then
  [ "$(id -u)" -eq 0 ] || { echo "run as root (sudo), or with --root DIR for a dry run" >&2; exit 1; }
  [ -n "$deb" ] || usage
  [ -f "$deb" ] || { echo "--deb: no such file: $deb" >&2; exit 1; }
  apt-get install -y "$(realpath "$deb")"
  id "$user" >/dev/null 2>&1 || useradd --create-home --shell /bin/bash --comment "Frontdesk kiosk" "$user"
  home=$(getent passwd "$user" | cut -d: -f6)
else
  mkdir -p "$root"
  home="/home/$user"
fi

# Writes a file (under --root when given) only if its content differs; owned by the kiosk
# user when it lives in that user's home.
put() {
  local path=$1 content=$2 target="$root$1"
  mkdir -p "$(dirname "$target")"
  if [ -f "$target" ] && [ "$(cat "$target")" = "$content" ]; then
    echo "unchanged: $path"
    return
  fi
  printf '%s\n' "$content" >"$target"
  echo "written:   $path"
  if [ -z "$root" ] && [[ "$path" == "$home"/* ]]; then
    chown -R "$user:" "$home/.config"
  fi
}

# Automatic sign-in of the kiosk user by the display manager that is installed.
autologin=0
if [ -n "$root" ] || [ -d /etc/lightdm ]; then
  put /etc/lightdm/lightdm.conf.d/50-frontdesk-kiosk.conf "[Seat:*]
autologin-user=$user
autologin-user-timeout=0"
  autologin=1
fi
if [ -n "$root" ] || [ -d /etc/gdm3 ]; then
  put /etc/gdm3/daemon.conf.d/50-frontdesk-kiosk.conf "[daemon]
AutomaticLoginEnable=true
AutomaticLogin=$user"
  autologin=1
fi
[ "$autologin" -eq 1 ] || echo "note: neither LightDM nor GDM is installed: sign $user in at start yourself" >&2

# The session's autostart (XDG): Frontdesk in full screen, started again only after a crash
# (a non-zero exit); the screen saver and power saving of the display off (X11 and GNOME).
put "$home/.config/autostart/frontdesk.desktop" "[Desktop Entry]
Type=Application
Name=Frontdesk
Comment=Room booking at the reception desk
Exec=sh -c \"until FRONTDESK_FULLSCREEN=1 frontdesk; do sleep 2; done\"
Terminal=false
X-GNOME-Autostart-enabled=true"
put "$home/.config/autostart/frontdesk-no-blanking.desktop" "[Desktop Entry]
Type=Application
Name=Frontdesk: screen stays on
Exec=sh -c \"xset s off -dpms 2>/dev/null; gsettings set org.gnome.desktop.session idle-delay 0 2>/dev/null; true\"
Terminal=false
X-GNOME-Autostart-enabled=true"

echo "kiosk ready: $user signs in at start and Frontdesk opens in full screen"
