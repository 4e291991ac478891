#!/usr/bin/env bash
# The shell completions and the manual page that `communique completions
# bash|zsh` and `communique man` print (and the build installs), checked
# against the command's own --help: every command and every option is
# there, the scripts parse, completion answers, the page renders without
# warnings.
# usage: reference_test.sh COMMUNIQUE_BINARY
set -euo pipefail
# (Never `producer | grep -q`: grep leaves at its first match, the producer
# may then die of SIGPIPE, and pipefail fails the check at random.)
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# What --help says there is: the commands, then each one's options (and
# the global options, which every command takes too).
"$bin" --help >"$work/help.txt"
section() {  # section TITLE FILE: the lines of one section of a --help
  awk -v title="$1:" '$0 == title {on = 1; next} on && /^[^ ]/ {on = 0} on' "$2"
}
commands=$(section Subcommands "$work/help.txt" | awk 'NF {print $1}')
[ "$(echo "$commands" | wc -l)" -ge 6 ] || fail "--help lists too few commands: $commands"
options_of() {  # options_of HELP_FILE: the option names, one a line
  section Options "$1" | grep -E '^  -' | awk '{print $1}' | tr ',' '\n'
}
global=$(options_of "$work/help.txt")
for c in $commands; do "$bin" "$c" --help >"$work/help-$c.txt"; done
for hidden in completions man; do
  ! grep -qx "$hidden" <<<"$commands" || fail "--help lists the hidden command $hidden"
done

# bash: the script parses, and completing answers with every command,
# every option of each, the values of --color, and no file names for a
# number.
"$bin" completions bash >"$work/communique.bash"
bash -n "$work/communique.bash" || fail "the bash completion script does not parse"
complete_line() {  # complete_line WORD...: what bash completion offers for the last word
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _communique; printf "%s\n" "${COMPREPLY[@]}"' \
    _ "$work/communique.bash" "$@"
}
offered=$(complete_line communique "")
for c in $commands; do
  grep -qx "$c" <<<"$offered" || fail "bash completion does not offer the command $c: $offered"
  offered_options=$(complete_line communique "$c" -)
  for o in $(options_of "$work/help-$c.txt") $global; do
    grep -qx -- "$o" <<<"$offered_options" || fail "bash completion of '$c -' lacks $o: $offered_options"
  done
done
for hidden in completions man; do
  ! grep -qx "$hidden" <<<"$offered" || fail "bash completion offers the hidden command $hidden"
done
[ "$(complete_line communique --color "")" = "$(printf 'auto\nalways\nnever')" ] ||
  fail "--color values: $(complete_line communique --color "")"
# (bash splits --color=al into --color, = and al)
[ "$(complete_line communique search --color = al)" = "always" ] ||
  fail "--color=al after a command: $(complete_line communique search --color = al)"
grep -qx search <<<"$(complete_line communique --db x --color never se)" ||
  fail "a command after global options with values: $(complete_line communique --db x --color never se)"
[ -z "$(complete_line communique similar --limit "")" ] || fail "--limit offers something"
grep -qx -- --limit <<<"$(complete_line communique search --li)" || fail "search --li does not complete to --limit"

# zsh: the function parses, and names every command and option.
"$bin" completions zsh >"$work/_communique"
head -1 "$work/_communique" | grep -qx '#compdef communique' || fail "the zsh script has no #compdef line"
if command -v zsh >/dev/null; then
  zsh -n "$work/_communique" || fail "the zsh completion function does not parse"
else
  echo "SKIPPED: zsh -n (zsh is not installed; tools/check installs it)" >&2
fi
for c in $commands; do
  grep -q "^        '$c:" "$work/_communique" || fail "zsh completion lacks the command $c"
  grep -q "^        ($c)$" "$work/_communique" || fail "zsh completion lacks the arguments of $c"
  for o in $(options_of "$work/help-$c.txt") $global; do
    grep -q "'\*\?$o[=[]" "$work/_communique" || fail "zsh completion lacks $o"
  done
done

# man: a section per command, with each of its options; renders without
# a warning, through man where there is one, else groff.
"$bin" man >"$work/communique.1"
for c in $commands; do
  grep -qx ".SS $c" "$work/communique.1" || fail "the manual has no section for $c"
  # The command's section: from its heading to the next.
  awk -v c=".SS $c" '$0 == c {on = 1; next} on && /^\.S[SH] / {exit} on' "$work/communique.1" >"$work/man-$c.txt"
  for o in $(options_of "$work/help-$c.txt"); do
    [ "$o" = -h ] || [ "$o" = --help ] && continue
    grep -q "\\\\fB${o//-/\\\\-}\\\\fR" "$work/man-$c.txt" || fail "the manual's $c lacks $o"
  done
done
for o in $global; do
  grep -q "\\\\fB${o//-/\\\\-}\\\\fR" "$work/communique.1" || fail "the manual lacks the global option $o"
done
command -v groff >/dev/null || fail "groff is not installed (apt-get install groff-base)"
groff -man -Tutf8 -ww -z "$work/communique.1" 2>"$work/groff.txt"
[ ! -s "$work/groff.txt" ] || fail "groff warns: $(cat "$work/groff.txt")"
if command -v man >/dev/null; then
  MANWIDTH=80 man --warnings -l "$work/communique.1" >"$work/man.txt" 2>"$work/man-warnings.txt" ||
    fail "man -l failed: $(cat "$work/man-warnings.txt")"
  [ ! -s "$work/man-warnings.txt" ] || fail "man warns: $(cat "$work/man-warnings.txt")"
else
  groff -man -Tutf8 "$work/communique.1" >"$work/man.txt"
fi
grep -q "EXIT STATUS" "$work/man.txt" || fail "the rendered manual has no EXIT STATUS"
for c in $commands; do
  grep -q "communique $c" "$work/man.txt" || fail "the rendered manual lacks communique $c"
done
echo "reference: completions and manual cover $(echo $commands | wc -w) commands"
