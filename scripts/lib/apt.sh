# Installs Debian packages with apt, through sudo unless we are root. Source this file, then call
# apt_install PACKAGE... (nothing happens when no package is given).

apt_install() {
  (($#)) || return 0
  local sudo=""
  if [ "$(id -u)" != "0" ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
