// `rolecall shell-init <shell>`: the few lines a shell's rc file evaluates to get `rc use <role>`
// (the role's credentials exported into the current shell, ROLECALL_ROLE set for a prompt),
// `rc clear` (unset again), and completion of commands, role names, shells and export formats for
// both `rolecall` and `rc`. Role names come from `rolecall list --names` at completion time, so a
// role added a minute ago completes. Nothing here reads the catalog or the keychain itself.
import { EXPORT_FORMATS } from '../../common/export-formats';
import { CREDENTIAL_VARIABLES } from '../core/exports/shell-format';

export const INIT_SHELLS = ['bash', 'zsh', 'fish', 'powershell'] as const;
export type InitShell = (typeof INIT_SHELLS)[number];

/** What completion offers, taken from the program itself so a new command completes too. */
export interface CompletionWords {
  /** Every top-level command. */
  commands: readonly string[];
  /** Commands whose first argument is a role (or, for stop, a user). */
  roleCommands: readonly string[];
  /** Subcommands of the command groups (user, role). */
  groups: Readonly<Record<string, readonly string[]>>;
}

/** The line a shell's rc file needs (README, "Shell integration"). */
export const RC_LINES: Record<InitShell, string> = {
  bash: 'eval "$(rolecall shell-init bash)"            # ~/.bashrc',
  zsh: 'eval "$(rolecall shell-init zsh)"             # ~/.zshrc, after compinit',
  fish: 'rolecall shell-init fish | source              # ~/.config/fish/config.fish',
  powershell: 'rolecall shell-init powershell | Out-String | Invoke-Expression   # $PROFILE',
};

const ROLE_VARIABLE = 'ROLECALL_ROLE';

function fill(template: string, words: CompletionWords): string {
  const groupCases = (pattern: (group: string, subs: string) => string) =>
    Object.entries(words.groups)
      .map(([group, subs]) => pattern(group, subs.join(' ')))
      .join('\n');
  return template
    .replaceAll('@COMMANDS@', words.commands.join(' '))
    .replaceAll('@ROLE_COMMANDS_BAR@', [...words.roleCommands, 'use'].join('|'))
    .replaceAll('@ROLE_COMMANDS@', words.roleCommands.join(' '))
    .replaceAll('@FORMATS@', EXPORT_FORMATS.join(' '))
    .replaceAll('@SHELLS@', INIT_SHELLS.join(' '))
    .replaceAll('@CREDENTIALS@', [...CREDENTIAL_VARIABLES, ROLE_VARIABLE].join(' '))
    .replaceAll('@CREDENTIALS_PS@', [...CREDENTIAL_VARIABLES, ROLE_VARIABLE].map((v) => `Env:${v}`).join(', '))
    .replaceAll('@ROLE_VARIABLE@', ROLE_VARIABLE)
    .replaceAll(
      '@GROUP_CASES_SH@',
      groupCases((group, subs) => `      ${group}) words="${subs}" ;;`),
    )
    .replaceAll(
      '@GROUP_CASES_ZSH@',
      groupCases((group, subs) => `      ${group}) choices=(${subs}) ;;`),
    )
    .replaceAll(
      '@GROUP_COMPLETES_FISH@',
      groupCases((group, subs) => `complete -c rolecall -n '__fish_seen_subcommand_from ${group}' -a '${subs}'`),
    )
    .replaceAll(
      '@GROUP_CASES_PS@',
      groupCases((group, subs) => `      '${group}' { '${subs}' -split ' ' }`),
    );
}

// bash and zsh share `rc`: POSIX enough for both.
const RC_POSIX = `# Rolecall (rolecall shell-init): rc use <role> exports a role into this shell, rc clear unsets it.
rc() {
  case "$1" in
    use)
      if [ -z "$2" ]; then echo 'usage: rc use <role>' >&2; return 2; fi
      local __rolecall_exports
      __rolecall_exports="$(command rolecall export "$2" --format bash)" || return
      eval "$__rolecall_exports" || return
      export @ROLE_VARIABLE@="$2" ;;
    clear)
      unset @CREDENTIALS@ ;;
    *)
      command rolecall "$@" ;;
  esac
}
`;

const BASH = `${RC_POSIX}
_rolecall_complete() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" cmd="\${COMP_WORDS[1]}" words=""
  if [ "$COMP_CWORD" -eq 1 ]; then
    words="@COMMANDS@"
    [ "\${COMP_WORDS[0]}" = rc ] && words="use clear $words"
  elif [ "$prev" = --format ]; then
    words="@FORMATS@"
  elif [ "$COMP_CWORD" -eq 2 ]; then
    case "$cmd" in
      @ROLE_COMMANDS_BAR@) words="$(command rolecall list --names 2>/dev/null)" ;;
@GROUP_CASES_SH@
      shell-init) words="@SHELLS@" ;;
    esac
  fi
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -F _rolecall_complete rolecall rc
`;

const ZSH = `${RC_POSIX}
_rolecall() {
  local -a choices
  if (( CURRENT == 2 )); then
    choices=(@COMMANDS@)
    [[ \${words[1]} == rc ]] && choices=(use clear $choices)
  elif [[ \${words[CURRENT-1]} == --format ]]; then
    choices=(@FORMATS@)
  elif (( CURRENT == 3 )); then
    case \${words[2]} in
      @ROLE_COMMANDS_BAR@) choices=(\${(f)"$(command rolecall list --names 2>/dev/null)"}) ;;
@GROUP_CASES_ZSH@
      shell-init) choices=(@SHELLS@) ;;
    esac
  fi
  compadd -a choices
}
# compdef exists once compinit has run: evaluate shell-init after it.
(( $+functions[compdef] )) && compdef _rolecall rolecall rc
`;

const FISH = `# Rolecall (rolecall shell-init fish): rc use <role> exports a role into this shell, rc clear unsets it.
function rc --description 'Rolecall: rc use <role>, rc clear'
    switch "$argv[1]"
        case use
            if test (count $argv) -lt 2
                echo 'usage: rc use <role>' >&2
                return 2
            end
            set -l exports (command rolecall export $argv[2] --format fish); or return
            printf '%s\\n' $exports | source; or return
            set -gx @ROLE_VARIABLE@ $argv[2]
        case clear
            set -e @CREDENTIALS@ 2>/dev/null; or true
        case '*'
            command rolecall $argv
    end
end

complete -c rolecall -f
complete -c rolecall -n '__fish_use_subcommand' -a '@COMMANDS@'
complete -c rolecall -n '__fish_seen_subcommand_from @ROLE_COMMANDS@; and test (count (commandline -opc)) -eq 2' -a '(command rolecall list --names 2>/dev/null)'
@GROUP_COMPLETES_FISH@
complete -c rolecall -n '__fish_seen_subcommand_from shell-init' -a '@SHELLS@'
complete -c rolecall -n '__fish_seen_subcommand_from export' -l format -x -a '@FORMATS@'
complete -c rc -f
complete -c rc -n '__fish_use_subcommand' -a 'use clear @COMMANDS@'
complete -c rc -n '__fish_seen_subcommand_from use @ROLE_COMMANDS@; and test (count (commandline -opc)) -eq 2' -a '(command rolecall list --names 2>/dev/null)'
`;

const POWERSHELL = `# Rolecall (rolecall shell-init powershell): rc use <role> exports a role into this shell, rc clear unsets it.
function rc {
  if ($args.Count -ge 1 -and $args[0] -eq 'use') {
    if ($args.Count -lt 2) { Write-Error 'usage: rc use <role>'; return }
    $exports = & rolecall export $args[1] --format powershell
    if ($LASTEXITCODE -ne 0) { return }
    $exports | Out-String | Invoke-Expression
    $Env:@ROLE_VARIABLE@ = $args[1]
  } elseif ($args.Count -ge 1 -and $args[0] -eq 'clear') {
    Remove-Item @CREDENTIALS_PS@ -ErrorAction SilentlyContinue
  } else {
    & rolecall @args
  }
}

Register-ArgumentCompleter -Native -CommandName rolecall, rc -ScriptBlock {
  param($wordToComplete, $commandAst, $cursorPosition)
  $words = @($commandAst.CommandElements | ForEach-Object { $_.ToString() })
  $index = $words.Count
  if ($wordToComplete -ne '') { $index = $words.Count - 1 }
  $choices = @()
  if ($index -eq 1) {
    $choices = '@COMMANDS@' -split ' '
    if ($words[0] -eq 'rc') { $choices = @('use', 'clear') + $choices }
  } elseif ($words[$index - 1] -eq '--format') {
    $choices = '@FORMATS@' -split ' '
  } elseif ($index -eq 2) {
    $choices = switch ($words[1]) {
      { ('@ROLE_COMMANDS@ use' -split ' ') -contains $_ } { @(& rolecall list --names 2>$null) }
@GROUP_CASES_PS@
      'shell-init' { '@SHELLS@' -split ' ' }
    }
  }
  $choices | Where-Object { $_ -like "$wordToComplete*" } | ForEach-Object { [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_) }
}
`;

const TEMPLATES: Record<InitShell, string> = { bash: BASH, zsh: ZSH, fish: FISH, powershell: POWERSHELL };

export function shellInit(shell: InitShell, words: CompletionWords): string {
  return fill(TEMPLATES[shell], words);
}
