# shellcheck shell=bash
# System packages the suite and the bench need, installed with apt-get when running as root (CI).
# Usage: source scripts/system_packages.sh; system_packages browser pdf java
system_packages() {
  local need=() what
  for what in "$@"; do
    case $what in
      browser)  # browser tests drive Debian's chromium
        command -v chromium >/dev/null || need+=(chromium) ;;
      pdf)  # PDF checks use poppler's pdftotext; documents are set in Liberation (metric-compatible with Arial)
        command -v pdftotext >/dev/null || need+=(poppler-utils)
        [ -e /usr/share/fonts/truetype/liberation2 ] || need+=(fonts-liberation2)
        # WeasyPrint subsets fonts with HarfBuzz: without it a long report takes seconds longer.
        compgen -G "/usr/lib/*/libharfbuzz-subset.so.0" >/dev/null || need+=(libharfbuzz-subset0) ;;
      java)  # the Nu HTML checker (vnu.jar) checks every page's HTML
        command -v java >/dev/null || need+=(default-jre-headless) ;;
    esac
  done
  [ ${#need[@]} -gt 0 ] || return 0
  if [ "$(id -u)" = "0" ]; then
    echo "Installing ${need[*]} with apt-get"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "WARNING: ${need[*]} missing and not root: what needs them is skipped or differs (CI installs them)."
  fi
}
